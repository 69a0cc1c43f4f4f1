using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chaos.Scenarios;

/// <summary>Reads the single YAML document of a scenario file, turning every syntax problem into one located error.</summary>
internal static partial class YamlDocumentReader
{
    public static (YamlNode? Root, ScenarioError? Error) Read(string yaml, string sourcePath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return (null, At(sourcePath, e.Start, $"invalid YAML: {LocationPrefix().Replace(e.Message, "")}"));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // The YAML library sometimes fails on malformed input without a location; find where it stopped making sense.
            return (null, At(sourcePath, LastGoodMark(yaml), $"invalid YAML after this point (the YAML reader gave up: {e.Message})"));
        }
        if (stream.Documents.Count == 0)
        {
            return (null, new ScenarioError(sourcePath, 1, 1, "expected one YAML document with keys name, load and slos; found nothing"));
        }
        if (stream.Documents.Count > 1)
        {
            return (null, At(sourcePath, stream.Documents[1].RootNode.Start,
                $"expected one YAML document with keys name, load and slos; found {stream.Documents.Count} documents"));
        }
        return (stream.Documents[0].RootNode, null);
    }

    private static ScenarioError At(string file, Mark mark, string message) =>
        new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message);

    private static Mark LastGoodMark(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var mark = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                mark = parser.Current?.End ?? mark;
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException or IndexOutOfRangeException)
        {
            // Expected: this walk only looks for the last event the parser could still produce.
        }
        return mark;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex LocationPrefix();
}
