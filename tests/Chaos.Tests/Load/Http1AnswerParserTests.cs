using System.Text;
using Chaos.Load;

namespace Chaos.Tests.Load;

/// <summary>The event loop's answer parser on byte strings: framing, the headers load reads, and what it refuses.</summary>
public sealed class Http1AnswerParserTests
{
    private static Http1AnswerParser.State Parse(string text, bool ended, out Http1Answer answer, out int length) =>
        Http1AnswerParser.TryParse(Encoding.ASCII.GetBytes(text), ended, out answer, out length);

    [Fact]
    public void TryParse_ContentLength_CompleteOnlyWithTheWholeBody()
    {
        const string Whole = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello";

        Parse(Whole[..^1], ended: false, out _, out _).ShouldBe(Http1AnswerParser.State.Incomplete);
        Parse(Whole, ended: false, out var answer, out var length).ShouldBe(Http1AnswerParser.State.Complete);

        answer.Status.ShouldBe(200);
        length.ShouldBe(Whole.Length);
        Whole.Substring(answer.BodyStart, answer.BodyLength).ShouldBe("hello");
        answer.Close.ShouldBeFalse();
    }

    [Fact]
    public void TryParse_HeadersSplitAnywhere_IncompleteUntilTheBlankLine()
    {
        const string Whole = "HTTP/1.1 204 No Content\r\nServer: x\r\n\r\n";
        for (var cut = 0; cut < Whole.Length; cut++)
        {
            Parse(Whole[..cut], ended: false, out _, out _).ShouldBe(Http1AnswerParser.State.Incomplete, $"cut at {cut}");
        }
        Parse(Whole, ended: false, out var answer, out var length).ShouldBe(Http1AnswerParser.State.Complete);
        answer.Status.ShouldBe(204);
        length.ShouldBe(Whole.Length);
    }

    [Fact]
    public void TryParse_Chunked_CompleteAfterTheLastChunkAndDechunked()
    {
        const string Whole = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nTrailer: t\r\n\r\n";
        for (var cut = Whole.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4; cut < Whole.Length; cut++)
        {
            Parse(Whole[..cut], ended: false, out _, out _).ShouldBe(Http1AnswerParser.State.Incomplete, $"cut at {cut}");
        }

        Parse(Whole, ended: false, out var answer, out var length).ShouldBe(Http1AnswerParser.State.Complete);

        length.ShouldBe(Whole.Length);
        answer.Chunked.ShouldBeTrue();
        var body = Encoding.ASCII.GetBytes(Whole).AsSpan(answer.BodyStart, answer.BodyLength);
        Encoding.ASCII.GetString(Http1AnswerParser.Dechunk(body)).ShouldBe("hello world");
    }

    [Fact]
    public void TryParse_NoLength_BodyRunsToTheEndOfTheConnection()
    {
        const string Whole = "HTTP/1.1 200 OK\r\n\r\npartial";

        Parse(Whole, ended: false, out _, out _).ShouldBe(Http1AnswerParser.State.Incomplete);
        Parse(Whole, ended: true, out var answer, out var length).ShouldBe(Http1AnswerParser.State.Complete);

        answer.Close.ShouldBeTrue();
        Whole.Substring(answer.BodyStart, answer.BodyLength).ShouldBe("partial");
        length.ShouldBe(Whole.Length);
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200 OK\r\nconnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", false)]
    public void TryParse_ConnectionHeaderAndVersion_SayWhetherTheConnectionCloses(string text, bool close)
    {
        Parse(text, ended: false, out var answer, out _).ShouldBe(Http1AnswerParser.State.Complete);
        answer.Close.ShouldBe(close);
    }

    [Fact]
    public void TryParse_DegradedAndRegionHeaders_ReadWhateverTheirCase()
    {
        Parse("HTTP/1.1 200 OK\r\nx-chaos-degraded: TRUE\r\nX-Chaos-Region:  b \r\nContent-Length: 0\r\n\r\n", ended: false, out var answer, out _);

        answer.Degraded.ShouldBeTrue();
        answer.Region.ShouldBe("b");
        OutcomeClassifier.Classify(answer.Status, answer.Degraded).ShouldBe(Outcome.Degraded);
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n", "status line")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n", "status line")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "without a name")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "hexadecimal")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n", "longer than its size")]
    public void TryParse_NotHttp_RefusedWithTheReason(string text, string reason)
    {
        Should.Throw<FormatException>(() => Parse(text, ended: false, out _, out _)).Message.ShouldContain(reason);
    }

    [Theory]
    [InlineData("", "before an answer")]
    [InlineData("HTTP/1.1 200", "middle of an answer's headers")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc", "after 3 of 9 body bytes")]
    public void TryParse_ConnectionEndedEarly_RefusedWithWhereItEnded(string text, string reason)
    {
        Should.Throw<FormatException>(() => Parse(text, ended: true, out _, out _)).Message.ShouldContain(reason);
    }

    [Fact]
    public void TryParse_HeadersBeyondTheBound_Refused()
    {
        var endless = "HTTP/1.1 200 OK\r\n" + new string('x', Http1AnswerParser.MaxHeaderBytes);

        Should.Throw<FormatException>(() => Parse(endless, ended: false, out _, out _)).Message.ShouldContain("exceed");
    }

    [Fact]
    public void TryParse_TwoAnswersInARow_LengthEndsAtTheFirst()
    {
        const string First = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

        Parse(First + First, ended: false, out _, out var length).ShouldBe(Http1AnswerParser.State.Complete);

        length.ShouldBe(First.Length);
    }
}
