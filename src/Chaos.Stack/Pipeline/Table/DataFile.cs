namespace Chaos.Stack.Pipeline.Table;

/// <summary>A Parquet data file a commit adds: its path relative to the table root, its row count, size and SHA-256.</summary>
public sealed record DataFile(string Path, int Rows, long Bytes, string Sha256);
