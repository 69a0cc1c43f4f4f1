namespace Chaos.Cli;

/// <summary>
/// Progress lines written in order as they happen (System.Progress would post them to the thread pool, out of order). On a
/// terminal it also keeps one live status line at the bottom (<see cref="Status"/>), redrawn in place each second and cleared
/// before every permanent line; in CI, in a pipe or with <c>TERM=dumb</c> there is no status line, only the plain lines.
/// </summary>
internal sealed class ConsoleProgress : IProgress<string>
{
    private const string ClearLine = "\r\u001b[2K";
    private readonly TextWriter _writer;
    private readonly int _width;
    private readonly Lock _gate = new();
    private string? _status;

    /// <param name="writer">Where the lines go.</param>
    /// <param name="live">Keep a live status line; <see cref="For"/> decides it from the terminal.</param>
    /// <param name="width">Columns of the terminal: a longer status is cut, so that it never wraps and cannot be cleared.</param>
    public ConsoleProgress(TextWriter writer, bool live = false, int width = 120)
    {
        _writer = writer;
        _width = Math.Max(20, width);
        Status = live ? new StatusLine(this) : null;
    }

    /// <summary>The live status line, or null when the output is not an interactive terminal.</summary>
    public IProgress<string>? Status { get; }

    /// <summary>Progress for <paramref name="output"/>: live when it is the console, a terminal, and not CI.</summary>
    public static ConsoleProgress For(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected
            && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            && Environment.GetEnvironmentVariable("TERM") is { Length: > 0 } term && term != "dumb";
        return new ConsoleProgress(output, terminal, terminal ? WindowWidth() : 120);
    }

    public void Report(string value)
    {
        lock (_gate)
        {
            if (_status is not null)
            {
                _writer.Write(ClearLine);
            }
            _writer.WriteLine(value);
            if (_status is not null)
            {
                _writer.Write(_status);
            }
            _writer.Flush();
        }
    }

    private void ShowStatus(string value)
    {
        var line = value.ReplaceLineEndings(" ");
        line = line.Length < _width ? line : line[..(_width - 2)] + "…";
        lock (_gate)
        {
            _status = line;
            _writer.Write(ClearLine);
            _writer.Write(line);
            _writer.Flush();
        }
    }

    /// <summary>Clears the status line (the load is over); the next permanent line starts on a clean row.</summary>
    public void EndStatus()
    {
        lock (_gate)
        {
            if (_status is not null)
            {
                _writer.Write(ClearLine);
                _writer.Flush();
                _status = null;
            }
        }
    }

    private static int WindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }

    private sealed class StatusLine(ConsoleProgress owner) : IProgress<string>
    {
        public void Report(string value)
        {
            if (value.Length == 0)
            {
                owner.EndStatus();
            }
            else
            {
                owner.ShowStatus(value);
            }
        }
    }
}
