using System.Globalization;
using System.Text.Json.Nodes;

namespace Chaos.Load;

/// <summary>What a data fault does to the rows the pipeline feed sends.</summary>
public enum FeedFault
{
    None,
    /// <summary><c>data.corrupt-batch</c>: a share of rows carry a bad value (text, null, out of range, negative, unknown category).</summary>
    CorruptRows,
    /// <summary><c>data.schema-change</c>: every row comes by column name, with <c>debt_ratio</c> renamed upstream to <c>debt_to_income</c>.</summary>
    SchemaChange,
    /// <summary><c>data.stale</c>: every row's event time is two days old (a feed replaying old data).</summary>
    Stale,
}

/// <summary>
/// The data faults' switch on the pipeline feed: while set, rows go out bad as <see cref="FeedFault"/> says, each bad row's id
/// is kept, and once the pipeline answered for its batch it counts as delivered. After the run the feed reads which of them
/// the pipeline committed: a validating pipeline keeps them all out (quarantine or a rejected batch). Seeded, so runs repeat.
/// </summary>
public sealed class FeedTampering(int seed)
{
    /// <summary>How stale <see cref="FeedFault.Stale"/> rows are.</summary>
    public static readonly TimeSpan StaleAge = TimeSpan.FromDays(2);

    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();
    private readonly HashSet<string> _delivered = new(StringComparer.Ordinal);
    private FeedFault _fault;
    private double _rate;
    private long? _admitted;
    private int _kind;

    public FeedFault Fault
    {
        get
        {
            lock (_gate)
            {
                return _fault;
            }
        }
    }

    /// <summary>Bad rows the pipeline answered for (committed, quarantined or in a rejected batch).</summary>
    public long Delivered
    {
        get
        {
            lock (_gate)
            {
                return _delivered.Count;
            }
        }
    }

    /// <summary>Delivered bad rows found in the pipeline's table after the run; null until it was read.</summary>
    public long? Admitted
    {
        get
        {
            lock (_gate)
            {
                return _admitted;
            }
        }
    }

    /// <summary>Sets the fault; <paramref name="rate"/> is the share of rows hit (1 for the faults that hit every row).</summary>
    public void Set(FeedFault fault, double rate = 1)
    {
        lock (_gate)
        {
            _fault = fault;
            _rate = Math.Clamp(rate, 0, 1);
        }
    }

    /// <summary>Makes <paramref name="row"/> (one row of a <c>/batches</c> body) bad when the fault says so; true when it did.</summary>
    public bool Apply(JsonObject row, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_fault == FeedFault.None || _random.NextDouble() >= _rate)
            {
                return false;
            }
            switch (_fault)
            {
                case FeedFault.CorruptRows:
                    var features = (JsonArray)row["features"]!;
                    switch (_kind++ % 5)
                    {
                        case 0: features[0] = "n/a"; break;
                        case 1: features[1] = null; break;
                        case 2: features[2] = 4000; break;
                        case 3: features[5] = -50; break;
                        default: features[7] = 3; break;
                    }
                    break;
                case FeedFault.SchemaChange:
                    var values = ((JsonArray)row["features"]!).Select(v => v?.DeepClone()).ToList();
                    var named = new JsonObject();
                    for (var i = 0; i < values.Count; i++)
                    {
                        named[Stack.Ml.CreditTask.FeatureNames[i] == "debt_ratio" ? "debt_to_income" : Stack.Ml.CreditTask.FeatureNames[i]] = values[i];
                    }
                    row["features"] = named;
                    break;
                case FeedFault.Stale:
                    row["eventTime"] = (now - StaleAge).ToString("O", CultureInfo.InvariantCulture);
                    break;
            }
            return true;
        }
    }

    /// <summary>The pipeline answered for a batch holding these bad rows.</summary>
    public void Deliver(IEnumerable<string> ids)
    {
        lock (_gate)
        {
            _delivered.UnionWith(ids);
        }
    }

    /// <summary>Counts the delivered bad rows among the ids the pipeline's table holds.</summary>
    public void ReadTable(IEnumerable<string> tableIds)
    {
        lock (_gate)
        {
            _admitted = tableIds.Distinct(StringComparer.Ordinal).Count(_delivered.Contains);
        }
    }
}
