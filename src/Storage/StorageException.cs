namespace ProductOps.Storage;

/// <summary>A storage problem a person must act on (newer schema, corrupt file); the message says what to do.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
