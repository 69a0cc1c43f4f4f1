namespace Chaos.Load;

/// <summary>Builds the request with the given sequence number; content derives from the run's seed, so runs repeat.</summary>
public interface IRequestFactory
{
    HttpRequestMessage Create(long sequence);
}
