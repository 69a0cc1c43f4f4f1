namespace Chaos.Stack.Tests.Support;

/// <summary>A fresh folder under the temp path, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chaos-stack-tests-" + Guid.NewGuid().ToString("N"));

    public TempDirectory() => System.IO.Directory.CreateDirectory(Path);

    /// <summary>A copy of every file of <paramref name="source"/>.</summary>
    public static TempDirectory CopyOf(string source)
    {
        var copy = new TempDirectory();
        foreach (var file in System.IO.Directory.GetFiles(source))
        {
            File.Copy(file, System.IO.Path.Combine(copy.Path, System.IO.Path.GetFileName(file)));
        }

        return copy;
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Path))
        {
            System.IO.Directory.Delete(Path, recursive: true);
        }
    }
}
