using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Chaos.Stack.Hosting;

/// <summary>Checks <c>Authorization: Bearer TOKEN</c> against the admin token in constant time.</summary>
public sealed class AdminAuthorization(string token)
{
    private const string Scheme = "Bearer ";

    // Hashing both sides first makes the comparison constant-time in the token's length too.
    private readonly byte[] expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>True when the request carries the admin token.</summary>
    public bool IsAuthorized(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        var given = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : string.Empty;
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(given));
        return CryptographicOperations.FixedTimeEquals(actual, expected) && given.Length > 0;
    }

    /// <summary>
    /// Null when the request carries the admin token; otherwise the 401 every admin API answers (with <c>WWW-Authenticate:
    /// Bearer</c>), naming whose <c>--admin-token</c> it needs (<paramref name="owner"/>: "the gateway's", "the node's").
    /// </summary>
    public IResult? Refusal(HttpContext context, string owner)
    {
        if (IsAuthorized(context.Request))
        {
            return null;
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ErrorResults.Error(StatusCodes.Status401Unauthorized, $"missing or wrong admin token: send 'Authorization: Bearer TOKEN' with {owner} --admin-token");
    }
}
