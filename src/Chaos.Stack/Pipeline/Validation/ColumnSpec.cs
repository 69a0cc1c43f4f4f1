namespace Chaos.Stack.Pipeline.Validation;

/// <summary>What one feature column accepts: type, nullability, range and categories.</summary>
public sealed record ColumnSpec(string Name, ColumnKind Kind, bool Nullable, double Minimum, double Maximum, IReadOnlyList<double>? Categories = null)
{
    /// <summary>Why <paramref name="value"/> does not fit the column, or null when it fits.</summary>
    public string? Check(RawValue value)
    {
        if (value.Missing)
        {
            return $"{Name}: missing";
        }

        if (value.Text is { } text)
        {
            return $"{Name}: expected a number, got the string '{Truncate(text)}'";
        }

        if (value.Number is not { } number)
        {
            return Nullable ? null : $"{Name}: null in a non-nullable column";
        }

        if (!double.IsFinite(number))
        {
            return $"{Name}: {number} is not a finite number";
        }

        return Kind switch
        {
            ColumnKind.Categorical when Categories is { } categories && !categories.Contains(number) =>
                $"{Name}: {number} is not one of the categories {string.Join(", ", categories)}",
            ColumnKind.WholeNumber when Math.Floor(number) != number => $"{Name}: {number} is not a whole number",
            not ColumnKind.Categorical when number < Minimum || number > Maximum => $"{Name}: {number} is outside [{Minimum}, {Maximum}]",
            _ => null,
        };
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
