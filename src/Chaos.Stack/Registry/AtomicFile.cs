namespace Chaos.Stack.Registry;

/// <summary>Durable file writes: the bytes reach the disk before the file is visible under its final name.</summary>
public static class AtomicFile
{
    /// <summary>The prefix of every temporary name; the store ignores and removes such leftovers at start.</summary>
    public const string TemporaryPrefix = ".tmp-";

    /// <summary>Writes a new file and flushes it to the disk (fsync) before returning.</summary>
    public static async Task WriteDurableAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous);
        await stream.WriteAsync(content, cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Replaces <paramref name="path"/>: writes a temporary file beside it, fsyncs it, then renames it over the old one.</summary>
    public static async Task ReplaceAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $"{TemporaryPrefix}{Path.GetFileName(path)}-{Guid.NewGuid():N}");
        try
        {
            await WriteDurableAsync(temporary, content, cancellationToken);
            // rename(2) within one directory is atomic: a reader sees the old file or the new one, never a mix.
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
