using System.Text;

namespace Chaos.Stack.Tests.Fuzz;

/// <summary>How often each answer came back, per category; an answer is a status code or the name of a client-side failure.</summary>
public sealed class StatusTally
{
    private readonly SortedDictionary<string, SortedDictionary<string, int>> counts = new(StringComparer.Ordinal);

    /// <summary>Counts one answer of <paramref name="category"/>.</summary>
    public void Add(string category, string answer)
    {
        if (!counts.TryGetValue(category, out var answers))
        {
            answers = new SortedDictionary<string, int>(StringComparer.Ordinal);
            counts[category] = answers;
        }

        answers[answer] = answers.GetValueOrDefault(answer) + 1;
    }

    /// <summary>Total answers counted.</summary>
    public int Total => counts.Values.Sum(a => a.Values.Sum());

    /// <summary>One line per category: <c>Category (n): 400 x12, 404 x3</c>.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        foreach (var (category, answers) in counts)
        {
            text.Append(category).Append(" (").Append(answers.Values.Sum()).Append("): ")
                .AppendJoin(", ", answers.Select(a => $"{a.Key} x{a.Value}"))
                .AppendLine();
        }

        return text.ToString();
    }
}
