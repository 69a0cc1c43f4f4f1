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

    /// <param name="seed">The run seed the requests were drawn with.</param>
    /// <param name="drift">The run's drift switch, so the truth of a drifted request is drawn from its own population.</param>
    public CreditPredictionRecorder(int seed, DriftSwitch? drift = null)
    {
        _seed = seed;
        _drift = drift;
    }

    /// <summary>Answers whose body did not hold a probability (a wrong answer with 200 is still wrong).</summary>
    public long Unreadable => Interlocked.Read(ref _unreadable);

    public IReadOnlyList<LabelledPrediction> Predictions => _predictions.Select(p => p.Prediction).ToList();

    public IReadOnlyList<LabelledPrediction> InIntervals(int from, int to) =>
        _predictions.Where(p => p.Interval >= from && p.Interval < to).Select(p => p.Prediction).ToList();

    public void Record(long sequence, int interval, ReadOnlySpan<byte> body)
    {
        if (!TryReadProbability(body, out var probability))
        {
            Interlocked.Increment(ref _unreadable);
            return;
        }
        var truth = CreditRequestFactory.Example(_seed, sequence, _drift?.PopulationOf(sequence) ?? CreditDrift.None);
        var group = truth.Features[CreditTask.FeatureCount - 1] >= 0.5f ? "group-1" : "group-0";
        _predictions.Enqueue((interval, new LabelledPrediction(probability, truth.Label, group)));
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
