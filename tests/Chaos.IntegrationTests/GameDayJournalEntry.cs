using System.Text.Json;

namespace Chaos.IntegrationTests;

/// <summary>One line of a run's journal.jsonl as the game-day tests read it: the type and each data value as text.</summary>
internal sealed record GameDayJournalEntry(string Type, IReadOnlyDictionary<string, string> Data)
{
    public string this[string key] => Data.GetValueOrDefault(key) ?? "";

    public static IReadOnlyList<GameDayJournalEntry> Read(string runDirectory) =>
        File.ReadAllLines(Path.Combine(runDirectory, "journal.jsonl")).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new GameDayJournalEntry(root.GetProperty("type").GetString()!,
                root.GetProperty("data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal));
        }).ToList();
}
