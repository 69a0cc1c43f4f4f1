namespace Chaos.Stack.Pipeline.Validation;

/// <summary>The type a feature column must hold.</summary>
public enum ColumnKind
{
    /// <summary>A finite real number within the column's range.</summary>
    Continuous,

    /// <summary>A whole number within the column's range.</summary>
    WholeNumber,

    /// <summary>One of a fixed set of codes.</summary>
    Categorical,
}
