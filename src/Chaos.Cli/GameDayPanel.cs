using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Chaos.GameDay;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Chaos.Cli;

/// <summary>
/// The game day in a terminal: a live panel (Spectre.Console) redrawn in place, the last messages under it, and the prompt
/// with what is being typed. Keys are read one by one so the panel can refresh while a person types.
/// </summary>
internal sealed class GameDayPanel : IGameDayTerminal
{
    private const int MessagesShown = 10;
    // Rows of the header panel, the SLO table, and the member and fault tables without their rows (as rendered).
    private const int PanelLines = 4;
    private const int SloLines = 7;
    private const int TableLines = 5;
    // Narrower than this, the member and fault tables go one under the other (side by side their cells would wrap).
    private const int SideBySideWidth = 110;
    private readonly IAnsiConsole _console;
    private readonly string _runId;
    private readonly Channel<string?> _lines = Channel.CreateUnbounded<string?>();
    private readonly Lock _gate = new();
    private readonly List<string> _messages = [];
    private readonly StringBuilder _typed = new();
    private LiveStatus? _status;
    private string _prompt = "chaos> ";

    public GameDayPanel(IAnsiConsole console, string runId)
    {
        _console = console;
        _runId = runId;
        var keys = new Thread(ReadKeys) { IsBackground = true, Name = "gameday-keys" };
        keys.Start();
    }

    public TimeSpan StatusEvery => TimeSpan.FromSeconds(1);

    public async Task RunAsync(Func<Task> session)
    {
        await _console.Live(Render()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).Cropping(VerticalOverflowCropping.Top)
            .StartAsync(async context =>
            {
                var work = session();
                while (!work.IsCompleted)
                {
                    context.UpdateTarget(Render());
                    context.Refresh();
                    await Task.WhenAny(work, Task.Delay(TimeSpan.FromMilliseconds(150)));
                }
                context.UpdateTarget(Render());
                context.Refresh();
                await work;
            });
    }

    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = await _lines.Reader.ReadAsync(cancellationToken);
        if (line is null)
        {
            _lines.Writer.TryWrite(null);
        }
        return line;
    }

    public void Show(LiveStatus status)
    {
        lock (_gate)
        {
            _status = status;
        }
    }

    public void Write(string line)
    {
        lock (_gate)
        {
            _messages.Add(line);
            if (_messages.Count > 200)
            {
                _messages.RemoveRange(0, 100);
            }
        }
    }

    public void SetPrompt(string prompt)
    {
        lock (_gate)
        {
            _prompt = prompt;
        }
    }

    private void ReadKeys()
    {
        while (true)
        {
            ConsoleKeyInfo key;
            try
            {
                key = Console.ReadKey(intercept: true);
            }
            catch (InvalidOperationException)
            {
                _lines.Writer.TryWrite(null);
                return;
            }
            lock (_gate)
            {
                if (key.Key == ConsoleKey.Enter)
                {
                    var line = _typed.ToString();
                    _typed.Clear();
                    _messages.Add($"{_prompt}{line}");
                    _lines.Writer.TryWrite(line);
                }
                else if (key.Key == ConsoleKey.Backspace)
                {
                    _typed.Length = Math.Max(0, _typed.Length - 1);
                }
                else if (key.Key == ConsoleKey.D && key.Modifiers.HasFlag(ConsoleModifiers.Control) && _typed.Length == 0)
                {
                    _lines.Writer.TryWrite(null);
                    return;
                }
                else if (!char.IsControl(key.KeyChar))
                {
                    _typed.Append(key.KeyChar);
                }
            }
        }
    }

    private Rows Render()
    {
        var (width, height) = WindowSize();
        lock (_gate)
        {
            var parts = new List<IRenderable> { Header(_status) };
            var used = PanelLines;
            if (_status is { } s)
            {
                var sideBySide = width >= SideBySideWidth;
                parts.Add(Slos(s));
                parts.Add(Members(s, sideBySide));
                used += SloLines + (sideBySide
                    ? TableLines + Math.Max(s.Members.Count, Math.Max(1, s.Faults.Count))
                    : 2 * TableLines + s.Members.Count + Math.Max(1, s.Faults.Count));
            }
            // The numbers stay on screen whatever the terminal's height: the messages get the rows that are left, one row each.
            var shown = Math.Clamp(height - used - 2, 1, MessagesShown);
            parts.Add(new Rule("[grey]messages[/]") { Justification = Justify.Left });
            parts.AddRange(_messages.TakeLast(shown).Select(m => new Text(m.Length < width ? m : m[..Math.Max(1, width - 2)] + "…")));
            parts.Add(new Markup($"[bold]{Markup.Escape(_prompt)}[/]{Markup.Escape(_typed.ToString())}[blink]_[/]"));
            return new Rows(parts);
        }
    }

    private static (int Width, int Height) WindowSize()
    {
        try
        {
            return (Math.Max(40, Console.WindowWidth), Math.Max(10, Console.WindowHeight));
        }
        catch (IOException)
        {
            return (120, 40);
        }
    }

    private Panel Header(LiveStatus? s)
    {
        var text = s is null
            ? "[grey]waiting for the first numbers...[/]"
            : $"load [bold]{N(s.RatePerSecond, "0.#", "/s")}[/]   errors {Colour(s.ErrorFraction is > 0.01, LiveStatusText.Percent(s.ErrorFraction, "0.##"))}   " +
              $"p99 [bold]{N(s.P99Ms, "0.#", " ms")}[/] [grey](last {s.WindowSeconds} settled s)[/]\n" +
              $"model version {Markup.Escape(s.ModelVersion ?? LiveStatusText.NotAvailable)}   provider {Markup.Escape(s.Provider)}   " +
              $"region {Markup.Escape(s.Region ?? LiveStatusText.NotAvailable)}   drift {Markup.Escape(s.Drift ?? LiveStatusText.NotAvailable)}";
        var time = s is null ? "" : string.Create(CultureInfo.InvariantCulture, $"  {s.Seconds:F0} s of {s.MaxSeconds:F0} s");
        return new Panel(new Markup(text)) { Header = new PanelHeader($"[bold]chaos gameday[/] {Markup.Escape(_runId)}{time}"), Expand = true };
    }

    private static Table Slos(LiveStatus s)
    {
        var table = new Table { Border = TableBorder.Rounded, Expand = true, Title = new TableTitle("SLOs and error budget") };
        table.AddColumns("SLO", "target", "so far", "budget spent", "burn rate (recent / whole)");
        var availabilityOk = s.Availability is not { } a || a >= s.AvailabilityTarget;
        table.AddRow(
            new Text("availability"),
            new Text(string.Create(CultureInfo.InvariantCulture, $">= {s.AvailabilityTarget * 100:0.###}%")),
            new Markup(Colour(!availabilityOk, LiveStatusText.Percent(s.Availability, "0.###"))),
            new Markup(Colour(s.BudgetSpent is > 1, LiveStatusText.Percent(s.BudgetSpent, "0.#"))),
            new Markup($"{Colour(s.BurnRateRecent is > 1, LiveStatusText.Number(s.BurnRateRecent, "0.##", ""))} / {Colour(s.BurnRateOverall is > 1, LiveStatusText.Number(s.BurnRateOverall, "0.##", ""))}"));
        var latencyOk = s.LatencyFractionUnder is not { } under || s.LatencyFractionTarget is not { } target || under >= target;
        table.AddRow(
            new Text($"latency under {LiveStatusText.Number(s.LatencyThresholdMs, "0", " ms")}"),
            new Text($">= {LiveStatusText.Percent(s.LatencyFractionTarget, "0.##")}"),
            new Markup(Colour(!latencyOk, LiveStatusText.Percent(s.LatencyFractionUnder, "0.##"))),
            new Text(""), new Text(""));
        return table;
    }

    private static IRenderable Members(LiveStatus s, bool sideBySide)
    {
        var members = new Table { Border = TableBorder.Simple, Title = new TableTitle("replicas") };
        members.AddColumns("member", "health", "breaker");
        foreach (var m in s.Members)
        {
            members.AddRow(new Text(m.Alias), new Markup(Colour(m.State != "ready", m.State)), new Markup(Colour(m.Breaker is not (null or "closed"), m.Breaker ?? "-")));
        }
        var faults = new Table { Border = TableBorder.Simple, Title = new TableTitle("active faults") };
        faults.AddColumns("id", "fault", "state", "age");
        foreach (var f in s.Faults)
        {
            faults.AddRow(new Text(f.Id), new Text($"{f.Kind} -> {string.Join(", ", f.Targets)}"),
                new Markup(f.Error is not null ? "[red]FAILED[/]" : f.Verified ? "[green]verified[/]" : "[yellow]not verified[/]"),
                new Text(string.Create(CultureInfo.InvariantCulture, $"{f.AgeSeconds:F0} s")));
        }
        if (s.Faults.Count == 0)
        {
            faults.AddRow(new Text("none"), new Text(""), new Text(""), new Text(""));
        }
        if (!sideBySide)
        {
            return new Rows(members, faults);
        }
        // A grid keeps them side by side (Columns would stack them when it thinks they do not fit).
        var grid = new Grid();
        grid.AddColumn();
        grid.AddColumn();
        grid.AddRow(members, faults);
        return grid;
    }

    private static string N(double? value, string format, string unit) => Markup.Escape(LiveStatusText.Number(value, format, unit));

    private static string Colour(bool bad, string text) => bad ? $"[red bold]{Markup.Escape(text)}[/]" : $"[green]{Markup.Escape(text)}[/]";
}
