using Chaos.Stack.Ml;

namespace Chaos.Stack.Pipeline.Validation;

/// <summary>The columns of the feature table, in <see cref="CreditTask.FeatureNames"/> order.</summary>
public sealed record FeatureSchema(IReadOnlyList<ColumnSpec> Columns)
{
    /// <summary>The credit task's schema: ranges wide enough for every drift knob, tight enough to catch unit errors and garbage.</summary>
    public static FeatureSchema Credit { get; } = new(
    [
        new("income", ColumnKind.Continuous, false, 0, 1000),
        new("debt_ratio", ColumnKind.Continuous, false, 0, 5),
        new("age", ColumnKind.Continuous, false, 18, 120),
        new("credit_history_years", ColumnKind.Continuous, false, 0, 102),
        new("late_payments", ColumnKind.WholeNumber, false, 0, 50),
        new("loan_amount", ColumnKind.Continuous, false, 0, 1000),
        new("employment_years", ColumnKind.Continuous, false, 0, 80),
        new("group", ColumnKind.Categorical, false, 0, 1, [0, 1]),
    ]);

    /// <summary>The index of a column by name; -1 when unknown.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
