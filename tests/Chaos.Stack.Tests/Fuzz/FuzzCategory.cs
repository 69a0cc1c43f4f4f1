namespace Chaos.Stack.Tests.Fuzz;

/// <summary>The families of bad requests the fuzz test generates, one per kind of client mistake.</summary>
public enum FuzzCategory
{
    MalformedJson,
    WrongShape,
    WrongDatatype,
    NonFiniteValue,
    MissingField,
    WrongInputName,
    UnknownModel,
    WrongContentType,
    HugeBody,
    WrongMethod,
    DuplicateKeys,
    UnicodeGarbage,
}
