namespace Chaos.Stack.Pipeline.Validation;

/// <summary>One cell as it arrived: a number, null, a string where a number was expected, or missing.</summary>
public readonly record struct RawValue(double? Number, string? Text, bool Missing)
{
    /// <summary>A number.</summary>
    public static RawValue Of(double number) => new(number, null, false);

    /// <summary>An explicit null.</summary>
    public static RawValue Null { get; } = new(null, null, false);

    /// <summary>A column absent from the row.</summary>
    public static RawValue Absent { get; } = new(null, null, true);

    /// <summary>A string where a number was expected.</summary>
    public static RawValue OfText(string text) => new(null, text, false);

    /// <summary>The value as a float for a lenient (unvalidated) store: NaN for anything that is not a number.</summary>
    public float ToFloatOrNaN() => Number is { } number ? (float)number : float.NaN;
}
