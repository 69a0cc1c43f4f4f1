namespace Chaos.Stack.Contracts;

/// <summary>HTTP headers of the model registry.</summary>
public static class RegistryHeaders
{
    /// <summary>The SHA-256 the registry recorded at registration, sent with an artifact's bytes.</summary>
    public const string Sha256 = "X-Chaos-Sha256";
}
