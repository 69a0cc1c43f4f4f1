using System.Text;
using System.Text.Json;

namespace Chaos.Reporting;

/// <summary>Appends run events to <c>journal.jsonl</c>, one JSON object a line, flushed after each so the file survives a crash.</summary>
public sealed class JournalWriter : IAsyncDisposable, IDisposable
{
    public const string FileName = "journal.jsonl";

    private readonly FileStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    public JournalWriter(string path)
    {
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 4096, useAsync: true);
    }

    public string Path { get; }

    /// <summary>Opens (or continues) the journal in a run's report directory.</summary>
    public static JournalWriter InDirectory(string directory) => new(System.IO.Path.Combine(directory, FileName));

    public async Task AppendAsync(RunEvent runEvent, CancellationToken cancellationToken)
    {
        var line = Serialize(runEvent);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await _stream.WriteAsync(line, cancellationToken);
            await _stream.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Append(RunEvent runEvent)
    {
        var line = Serialize(runEvent);
        _gate.Wait();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _stream.Write(line);
            _stream.Flush();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                await _stream.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                _stream.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private static byte[] Serialize(RunEvent runEvent) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(runEvent, ReportJson.Compact) + "\n");
}
