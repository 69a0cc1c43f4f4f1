namespace Chaos.Stack.Pipeline.Drift;

/// <summary>How the drift monitor checks: window size, false-alarm rate per check, calibration effort.</summary>
public sealed record DriftMonitorOptions
{
    /// <summary>Rows per windowed check (tumbling windows).</summary>
    public int WindowSize { get; init; } = 200;

    /// <summary>Chance of a false alarm per windowed check, and of the streaming detector over <see cref="StreamHorizon"/> rows.</summary>
    public double FalseAlarmRate { get; init; } = 0.05;

    /// <summary>No-drift windows simulated to calibrate the thresholds.</summary>
    public int CalibrationTrials { get; init; } = 500;

    /// <summary>Rows over which the streaming detector's false-alarm rate is calibrated.</summary>
    public int StreamHorizon { get; init; } = 1000;

    /// <summary>Seed of the calibration's resampling.</summary>
    public int Seed { get; init; } = 1;
}
