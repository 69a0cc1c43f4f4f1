using System.Globalization;
using System.Text;
using Chaos.Stack.Ml;

namespace Chaos.Load;

/// <summary>
/// Open Inference Protocol v2 infer requests for the credit model, one applicant each, drawn from the stack's own
/// ground-truth population. Request <c>i</c> of a run with seed <c>s</c> is the same in every run with seed <c>s</c>.
/// </summary>
public sealed class CreditRequestFactory : IRequestFactory
{
    private readonly int _seed;
    private readonly Uri _inferUri;
    private readonly RequestCorruption? _corruption;
    private readonly DriftSwitch? _drift;
    private readonly Action<long>? _sent;
    private readonly int _rows;

    /// <param name="frontDoor">The stack's front door.</param>
    /// <param name="modelName">The model the requests name.</param>
    /// <param name="seed">The run seed: request i is the same in every run with it.</param>
    /// <param name="corruption">The run's corruption switch (<c>request.corrupt</c>); null: every request good.</param>
    /// <param name="drift">The run's drift switch (<c>data.drift</c>); null: the base population throughout.</param>
    /// <param name="sent">Told the sequence of every good request created (the pipeline feed mirrors them).</param>
    /// <param name="rows">Applicants per request: the request's applicant and <c>rows - 1</c> copies of it (a batch a replica scores row by row).</param>
    public CreditRequestFactory(
        Uri frontDoor, string modelName, int seed, RequestCorruption? corruption = null, DriftSwitch? drift = null, Action<long>? sent = null, int rows = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        _rows = rows;
        _seed = seed;
        _inferUri = new Uri(frontDoor, $"/v2/models/{modelName}/infer");
        _corruption = corruption;
        _drift = drift;
        _sent = sent;
    }

    /// <summary>The applicant request <paramref name="sequence"/> of a run with <paramref name="seed"/> carries, with its ground truth.</summary>
    public static CreditExample Example(int seed, long sequence) => CreditTask.Generate(1, RequestSeed(seed, sequence))[0];

    /// <summary>The same applicant drawn from the population <paramref name="drift"/> (at full strength from the first row).</summary>
    public static CreditExample Example(int seed, long sequence, CreditDrift drift) =>
        drift.IsNone ? Example(seed, sequence) : DriftingCreditTask.Generate(1, RequestSeed(seed, sequence), drift with { Onset = 0, RampRows = 0 })[0];

    /// <summary>
    /// The seed of request <paramref name="sequence"/>: SplitMix64 of the run seed and the sequence, the same in every process
    /// (<c>HashCode.Combine</c> is randomised per process, so it would give every replay of a seed different requests).
    /// </summary>
    public static int RequestSeed(int seed, long sequence)
    {
        var z = unchecked(((ulong)(uint)seed << 32) ^ (ulong)sequence) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }

    public HttpRequestMessage Create(long sequence)
    {
        if (_corruption?.Next() == true)
        {
            var corrupt = new HttpRequestMessage(HttpMethod.Post, _inferUri)
            {
                Content = new StringContent(CorruptBody(sequence), Encoding.UTF8, "application/json"),
            };
            corrupt.Options.Set(RequestCorruption.Key, _corruption);
            return corrupt;
        }
        var features = Example(_seed, sequence, _drift?.Take(sequence) ?? CreditDrift.None).Features;
        _sent?.Invoke(sequence);
        var body = new StringBuilder(160 + (_rows - 1) * 80);
        body.Append(CultureInfo.InvariantCulture, $"{{\"id\":\"{sequence}\",\"inputs\":[{{\"name\":\"features\",\"shape\":[{_rows},{features.Length}],\"datatype\":\"FP32\",\"data\":[");
        var rowStart = body.Length;
        for (var i = 0; i < features.Length; i++)
        {
            body.Append(i == 0 ? "" : ",").Append(features[i].ToString("R", CultureInfo.InvariantCulture));
        }
        if (_rows > 1)
        {
            // The row's text once more per copy; with one row (the default) the send path allocates nothing for it.
            var row = body.ToString(rowStart, body.Length - rowStart);
            for (var copy = 1; copy < _rows; copy++)
            {
                body.Append(',').Append(row);
            }
        }
        body.Append("]}]}");
        return new HttpRequestMessage(HttpMethod.Post, _inferUri)
        {
            Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json"),
        };
    }

    /// <summary>
    /// A malformed infer body, one of six kinds by sequence: broken JSON, a wrong shape, a non-number, an unknown input (the
    /// structure is wrong), an age of 4000 and an income of 1e30 (well-formed, but values no applicant has: outside the
    /// model's declared feature ranges). Only value checks refuse the last two.
    /// </summary>
    public static string CorruptBody(long sequence) => (sequence % 6) switch
    {
        4 => $"{{\"id\":\"{sequence}\",\"inputs\":[{{\"name\":\"features\",\"shape\":[1,8],\"datatype\":\"FP32\",\"data\":[55,0.3,4000,10,0,15,5,0]}}]}}",
        5 => $"{{\"id\":\"{sequence}\",\"inputs\":[{{\"name\":\"features\",\"shape\":[1,8],\"datatype\":\"FP32\",\"data\":[1e30,0.3,40,10,0,15,5,0]}}]}}",
        0 => $"{{\"id\":\"{sequence}\",\"inputs\":[{{\"name\":\"features\",\"shape\":[1,8],\"datatype\":\"FP32\",\"data\":[1,2,3",
        1 => $"{{\"id\":\"{sequence}\",\"inputs\":[{{\"name\":\"features\",\"shape\":[1,8],\"datatype\":\"FP32\",\"data\":[1,2,3]}}]}}",
        2 => $"{{\"id\":\"{sequence}\",\"inputs\":[{{\"name\":\"features\",\"shape\":[1,8],\"datatype\":\"FP32\",\"data\":[1,2,3,4,\"x\",6,7,8]}}]}}",
        _ => $"{{\"id\":\"{sequence}\",\"inputs\":[{{\"name\":\"nope\",\"shape\":[1,8],\"datatype\":\"FP32\",\"data\":[1,2,3,4,5,6,7,8]}}]}}",
    };
}
