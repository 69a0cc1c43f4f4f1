namespace Chaos.Stack.Gateway;

/// <summary>The state of one forwarded request across its attempts.</summary>
internal sealed class ForwardCall(string pathAndQuery, byte[] body, string? contentType, int start)
{
    public string PathAndQuery { get; } = pathAndQuery;

    public byte[] Body { get; } = body;

    public string? ContentType { get; } = contentType;

    /// <summary>The replica index the first attempt goes to.</summary>
    public int Start { get; } = start;

    /// <summary>Attempts made so far; each one goes to the next replica.</summary>
    public int Attempts { get; set; }
}
