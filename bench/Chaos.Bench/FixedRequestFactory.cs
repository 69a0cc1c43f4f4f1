using System.Net.Http.Headers;
using System.Text;
using Chaos.Load;

namespace Chaos.Bench;

/// <summary>The same small POST every time (the body in wrk-post.lua), so the bench measures the generator, not request building.</summary>
public sealed class FixedRequestFactory : IRequestFactory
{
    /// <summary>Identical to the body in wrk-post.lua.</summary>
    public static readonly byte[] Body = Encoding.UTF8.GetBytes(
        "{\"id\":\"0\",\"inputs\":[{\"name\":\"features\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[0.1,0.2,0.3,0.4]}]}");

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Uri _uri;
    private readonly byte[] _body;

    public FixedRequestFactory(Uri uri)
        : this(uri, Body)
    {
    }

    public FixedRequestFactory(Uri uri, byte[] body)
    {
        _uri = uri;
        _body = body;
    }

    public HttpRequestMessage Create(long sequence)
    {
        var content = new ByteArrayContent(_body);
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, _uri) { Content = content };
    }
}
