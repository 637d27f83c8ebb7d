using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ProductOps.Storage.Inbound;

/// <summary>
/// Asks the OS to read a file into its cache in the background (Linux only; elsewhere it does nothing).
/// </summary>
/// <remarks>
/// The queue's write-ahead log is written over from its start each time it starts over. Each frame is
/// 24 bytes longer than a page, so nearly every frame written over an old stretch of the file writes
/// only part of an OS page, and the kernel reads a page the system has dropped from its cache back
/// from disk first, one page at a time, while the writer waits and every acknowledgement with it. This
/// host drops a file's cached pages within a minute. Asked for ahead of time, the same pages are read in
/// large requests, off the writer's path (bench/README.md, "The log read back ahead of its writer").
/// </remarks>
internal static class LogReadAhead
{
    private const int WillNeed = 3; // POSIX_FADV_WILLNEED

    // The kernel reads at most its read-ahead window per request, so the file is asked for in steps.
    private const long Step = 2 * 1024 * 1024;

    /// <summary>
    /// Asks for the first <paramref name="limit"/> bytes of the file; pages already cached cost
    /// nothing more. How many bytes were asked for: 0 when the file is missing or empty.
    /// </summary>
    public static long Request(string path, long limit)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return 0;
        }

        using (file)
        {
            var length = Math.Min(RandomAccess.GetLength(file), limit);
            for (var offset = 0L; offset < length; offset += Step)
            {
                // Advice only: a refusal leaves the writer to read the pages itself, as it would anyway.
                _ = Advise(file, offset, Math.Min(Step, length - offset), WillNeed);
            }

            return length;
        }
    }

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    private static extern int Advise(SafeFileHandle file, long offset, long length, int advice);
}
