namespace Chaos.Load;

/// <summary>Looks at the body of successful answers in the measured window (e.g. to score predictions against ground truth).</summary>
public interface IAnswerRecorder
{
    void Record(long sequence, int interval, ReadOnlySpan<byte> body);
}
