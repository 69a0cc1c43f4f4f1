namespace Chaos.Stack.Gateway;

/// <summary>
/// An attempt not sent because the replica already has its bound of outstanding requests (a bulkhead). It is refused at
/// once, before the replica's breaker, so a replica that is only full is not counted as failing: the request goes to another
/// replica or, when every one is full, to the fallback.
/// </summary>
public sealed class ReplicaBusyException(string replica, int bound)
    : Exception($"{replica} has {bound} requests outstanding already (the gateway's bound per replica)");
