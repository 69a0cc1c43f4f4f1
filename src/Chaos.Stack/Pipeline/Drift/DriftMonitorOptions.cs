namespace Chaos.Stack.Pipeline.Drift;

/// <summary>How the drift monitor checks: window size, false-alarm rate per check, calibration effort.</summary>
public sealed record DriftMonitorOptions
{
    /// <summary>Rows per windowed check (tumbling windows).</summary>
    public int WindowSize { get; init; } = 200;

    /// <summary>
    /// Chance of a false alarm of the monitor per windowed check. It is split evenly: half for the window check, half for the
    /// streaming detector (calibrated over <see cref="StreamHorizon"/> rows), since either one raises the alarm.
    /// </summary>
    public double FalseAlarmRate { get; init; } = 0.05;

    /// <summary>No-drift windows simulated to calibrate the thresholds.</summary>
    public int CalibrationTrials { get; init; } = 500;

    /// <summary>Rows over which the streaming detector's false-alarm rate is calibrated.</summary>
    public int StreamHorizon { get; init; } = 1000;

    /// <summary>Seed of the calibration's resampling.</summary>
    public int Seed { get; init; } = 1;
}
