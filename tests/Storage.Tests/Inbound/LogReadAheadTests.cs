using ProductOps.Storage.Inbound;

namespace ProductOps.Storage.Tests.Inbound;

public sealed class LogReadAheadTests
{
    [Fact]
    public void Request_FileLongerThanTheLimit_AsksForTheLimitOnly()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, new byte[5 * 1024 * 1024]);

            var asked = LogReadAhead.Request(path, limit: 3 * 1024 * 1024);

            Assert.Equal(OperatingSystem.IsLinux() ? 3 * 1024 * 1024 : 0, asked);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Request_FileShorterThanTheLimit_AsksForTheWholeFileAndLeavesItAsItWas()
    {
        var path = Path.GetTempFileName();
        try
        {
            var content = Enumerable.Range(0, 3_000_000).Select(i => (byte)i).ToArray();
            File.WriteAllBytes(path, content);

            var asked = LogReadAhead.Request(path, limit: long.MaxValue);

            Assert.Equal(OperatingSystem.IsLinux() ? content.Length : 0, asked);
            Assert.Equal(content, File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Request_NoSuchFile_AsksForNothing()
    {
        var asked = LogReadAhead.Request(Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + "-wal"), limit: long.MaxValue);

        Assert.Equal(0, asked);
    }
}
