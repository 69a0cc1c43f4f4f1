using System.Collections.Concurrent;
using System.Text.Json;
using Chaos.Slo;
using Chaos.Stack.Ml;

namespace Chaos.Load;

/// <summary>
/// Pairs each answered probability with the ground truth of the applicant the request carried (re-drawn from the same
/// seed and sequence as <see cref="CreditRequestFactory"/>), so prediction quality is measured on live traffic.
/// </summary>
public sealed class CreditPredictionRecorder : IAnswerRecorder
{
    private readonly int _seed;
    private readonly ConcurrentQueue<(int Interval, LabelledPrediction Prediction)> _predictions = new();
    private readonly DriftSwitch? _drift;
    private long _unreadable;
    private readonly ConcurrentDictionary<string, (int FirstInterval, long Count)> _versions = new(StringComparer.Ordinal);

    /// <param name="seed">The run seed the requests were drawn with.</param>
    /// <param name="drift">The run's drift switch, so the truth of a drifted request is drawn from its own population.</param>
    public CreditPredictionRecorder(int seed, DriftSwitch? drift = null)
    {
        _seed = seed;
        _drift = drift;
    }

    /// <summary>Answers whose body did not hold a probability (a wrong answer with 200 is still wrong).</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    /// <summary>Each model version that answered ("credit v2", from OIP <c>model_name</c> and <c>model_version</c>): its first measured second and answer count.</summary>
    public IReadOnlyDictionary<string, (int FirstInterval, long Count)> VersionsServed => _versions;

    public IReadOnlyList<LabelledPrediction> Predictions => _predictions.Select(p => p.Prediction).ToList();

    public IReadOnlyList<LabelledPrediction> InIntervals(int from, int to) =>
        _predictions.Where(p => p.Interval >= from && p.Interval < to).Select(p => p.Prediction).ToList();

    public void Record(long sequence, int interval, ReadOnlySpan<byte> body)
    {
        if (ReadModelVersion(body) is { } version)
        {
            _versions.AddOrUpdate(version, (interval, 1), (_, seen) => (Math.Min(seen.FirstInterval, interval), seen.Count + 1));
        }
        if (!TryReadProbability(body, out var probability))
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }
        var truth = CreditRequestFactory.Example(_seed, sequence, _drift?.PopulationOf(sequence) ?? CreditDrift.None);
        var group = truth.Features[CreditTask.FeatureCount - 1] >= 0.5f ? "group-1" : "group-0";
        _predictions.Enqueue((interval, new LabelledPrediction(probability, truth.Label, group)));
    }

    // OIP v2: {"model_name":"credit","model_version":"2",...} as "credit v2" (the fallback answers as its own model); null when none.
    private static string? ReadModelVersion(ReadOnlySpan<byte> body)
    {
        string? name = null, version = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            while (reader.Read() && (name is null || version is null))
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != 1)
                {
                    continue;
                }
                var isName = reader.ValueTextEquals("model_name");
                var isVersion = reader.ValueTextEquals("model_version");
                if ((isName || isVersion) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    if (isName)
                    {
                        name = reader.GetString();
                    }
                    else
                    {
                        version = reader.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
        }
        return version is null ? null : $"{name ?? "model"} v{version}";
    }

    // OIP v2: {"outputs":[{"name":"probability",...,"data":[p]}]}; the first number of the first output's data.
    private static bool TryReadProbability(ReadOnlySpan<byte> body, out double probability)
    {
        probability = 0;
        try
        {
            var reader = new Utf8JsonReader(body);
            var inData = false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("data"))
                {
                    inData = true;
                }
                else if (inData && reader.TokenType == JsonTokenType.Number)
                {
                    probability = reader.GetDouble();
                    return probability is >= 0 and <= 1;
                }
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }
}
