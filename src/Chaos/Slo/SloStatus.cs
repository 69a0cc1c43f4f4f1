namespace Chaos.Slo;

/// <summary>How one SLO came out. <see cref="NoData"/> is never a pass.</summary>
public enum SloStatus { Passed, Failed, NoData }
