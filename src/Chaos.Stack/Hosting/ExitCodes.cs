namespace Chaos.Stack.Hosting;

/// <summary>Process exit codes of chaos-stack, aligned with the harness: 0 ok, 2 bad input, 1 failure.</summary>
public static class ExitCodes
{
    /// <summary>The role ran and finished cleanly.</summary>
    public const int Success = 0;

    /// <summary>The role failed while running.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments.</summary>
    public const int BadInput = 2;
}
