using System.Net;
using Chaos.Load;
using Microsoft.Extensions.Time.Testing;

namespace Chaos.Tests.Load;

/// <summary>
/// The generator against an in-process handler (the process edge): counts, classification and bounds, never timings.
/// </summary>
public sealed class OpenModelLoadGeneratorTests
{
    private static readonly Uri Target = new("http://127.0.0.1:9/v2/models/credit/infer");

    // Classification tests must not depend on how busy the machine is: with room for every request and a timeout far
    // beyond any scheduling stall, an instant handler can only produce the outcome under test (CI once saw a 1 s timeout
    // and 8 in flight turn 18 of 20 OKs into timeouts and drops while other test assemblies loaded both cores).
    private const int Unbounded = 1000;
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunAsync_HealthyTarget_EveryIntendedRequestOkInItsSecond()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        var plan = new LoadPlan(50, TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(2), Unbounded, Patient);

        var result = await Generator(handler).RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        result.Intervals.Count.ShouldBe(2);
        result.Intervals.ShouldAllBe(i => i.Intended == 50 && i.Count(Outcome.Ok) == 50);
        handler.Calls.ShouldBe((int)plan.TotalRequests);
        result.Latency.TotalCount.ShouldBe(100);
    }

    [Fact]
    public async Task RunAsync_TargetNeverAnswers_DropsBeyondMaxInFlightAndTimesOutTheRest()
    {
        // On a clock the test moves, the whole schedule is dispatched before any timeout can fire, however slow the
        // machine: with a real 3 s timeout, a stall on 2 busy cores once let timeouts free slots mid-schedule (56 drops).
        var time = new FakeTimeProvider();
        var handler = new ScriptedHandler(async token =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var plan = new LoadPlan(100, TimeSpan.Zero, TimeSpan.FromSeconds(1), 10, Patient);
        var recording = new LoadRecording(plan.MeasuredSeconds);
        var run = new OpenModelLoadGenerator(new HttpClient(handler), new FixedRequests(), time)
            .RunAsync(plan, recording, null, CancellationToken.None, TestContext.Current.CancellationToken);

        time.Advance(plan.Duration);
        // Bounded: 3,000 polls of 10 ms at most. Each moves the clock 1 ms on, so a pacer timer set just after the jump
        // fires too; in all the clock moves at most 4 s, far from the 60 s timeout.
        for (var poll = 0; poll < 3_000 && recording.Snapshot(0).Counts[Outcome.Dropped] < 90 && !run.IsCompleted; poll++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }
        time.Advance(plan.Timeout + plan.Timeout);
        var result = await run;

        result.Count(Outcome.Timeout).ShouldBe(10);
        result.Count(Outcome.Dropped).ShouldBe(90);
        result.Intended.ShouldBe(100);
        result.Successful.ShouldBe(0);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, Outcome.ClientError)]
    [InlineData(HttpStatusCode.ServiceUnavailable, Outcome.ServerError)]
    [InlineData(HttpStatusCode.OK, Outcome.Ok)]
    public async Task RunAsync_StatusCodes_ClassifiedByClass(HttpStatusCode status, Outcome expected)
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(new HttpResponseMessage(status)));
        var plan = new LoadPlan(20, TimeSpan.Zero, TimeSpan.FromSeconds(1), Unbounded, Patient);

        var result = await Generator(handler).RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        result.Count(expected).ShouldBe(20);
    }

    [Fact]
    public async Task RunAsync_DegradedHeader_CountedAsDegradedAndAvailable()
    {
        var handler = new ScriptedHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.Add(OutcomeClassifier.DegradedHeader, "true");
            return Task.FromResult(response);
        });
        var plan = new LoadPlan(20, TimeSpan.Zero, TimeSpan.FromSeconds(1), Unbounded, Patient);

        var result = await Generator(handler).RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        result.Count(Outcome.Degraded).ShouldBe(20);
        result.Successful.ShouldBe(20);
    }

    [Fact]
    public async Task RunAsync_ConnectionRefused_CountedAsConnectionError()
    {
        var handler = new ScriptedHandler(_ => throw new HttpRequestException("Connection refused"));
        var plan = new LoadPlan(20, TimeSpan.Zero, TimeSpan.FromSeconds(1), Unbounded, Patient);

        var result = await Generator(handler).RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        result.Count(Outcome.ConnectionError).ShouldBe(20);
    }

    [Fact]
    public async Task RunAsync_WarmupRequests_NotInTheMeasuredWindow()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        var plan = new LoadPlan(40, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), Unbounded, Patient);
        long? measuredStart = null;

        var result = await Generator(handler).RunAsync(plan, t => measuredStart = t, TestContext.Current.CancellationToken);

        handler.Calls.ShouldBe(60);
        result.Intended.ShouldBe(40);
        measuredStart.ShouldNotBeNull();
    }

    [Theory]
    [InlineData(0, 60_000, true)]
    [InlineData(50, 1, false)]
    public async Task RunAsync_WithTheLatencyThreshold_CountsAnswersWithinItFromTheActualSend(int answerAfterMs, int thresholdMs, bool fast)
    {
        // Bounds that hold however busy the machine is: an instant answer is within a minute, and one that waits 50 ms
        // cannot come back within 1 ms of its send.
        var handler = new ScriptedHandler(async _ =>
        {
            await Task.Delay(answerAfterMs, CancellationToken.None);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var plan = new LoadPlan(20, TimeSpan.Zero, TimeSpan.FromSeconds(1), Unbounded, Patient);
        var recording = new LoadRecording(plan.MeasuredSeconds, TimeSpan.FromMilliseconds(thresholdMs));

        var result = await Generator(handler).RunAsync(plan, recording, null, CancellationToken.None, TestContext.Current.CancellationToken);

        result.Successful.ShouldBe(20);
        result.Intervals.Sum(i => i.FastFromSend).ShouldBe(fast ? 20 : 0);
    }

    [Fact]
    public async Task RunAsync_StoppedEarly_ReturnsTheSecondsThatRan()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        var plan = new LoadPlan(50, TimeSpan.Zero, TimeSpan.FromSeconds(30), 8, TimeSpan.FromSeconds(1));
        using var stop = new CancellationTokenSource();
        var recording = new LoadRecording(plan.MeasuredSeconds);

        var run = Generator(handler).RunAsync(plan, recording, null, stop.Token, TestContext.Current.CancellationToken);
        while (recording.Snapshot(0).Total < 10)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        await stop.CancelAsync();
        var result = await run;

        result.Intervals.Count.ShouldBeLessThan(30);
        result.MeasuredDuration.ShouldBeLessThan(plan.Duration);
        result.Intended.ShouldBe(handler.Calls);
    }

    [Fact]
    public async Task RunAsync_AnswerAfterTheTimeout_CountedAsTimeout()
    {
        // The target ignores cancellation and answers late: the timeout still holds, by the answer's measured time.
        var handler = new ScriptedHandler(async _ =>
        {
            await Task.Delay(TimeSpan.FromMilliseconds(600), CancellationToken.None);
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var plan = new LoadPlan(10, TimeSpan.Zero, TimeSpan.FromSeconds(1), Unbounded, TimeSpan.FromMilliseconds(200));

        var result = await Generator(handler).RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        result.Count(Outcome.Timeout).ShouldBe(10);
        result.Successful.ShouldBe(0);
    }

    [Fact]
    public async Task RunAsync_ThroughAnInvokerOverTheHandler_RecordsEveryMeasuredAnswerBody()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"p\":1}") }));
        var answers = new CollectingAnswers();
        using var invoker = new HttpMessageInvoker(handler);
        var plan = new LoadPlan(20, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), Unbounded, Patient);

        var result = await new OpenModelLoadGenerator(invoker, new FixedRequests(), TimeProvider.System, answers)
            .RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        result.Count(Outcome.Ok).ShouldBe(20);
        answers.Bodies.Count.ShouldBe(20);
        answers.Bodies.ShouldAllBe(b => b == "{\"p\":1}");
    }

    [Fact]
    public async Task RunAsync_RequestFactoryThrows_FailsWithItsException()
    {
        var handler = new ScriptedHandler(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)));
        var plan = new LoadPlan(20, TimeSpan.Zero, TimeSpan.FromSeconds(1), Unbounded, Patient);
        var generator = new OpenModelLoadGenerator(new HttpClient(handler), new ThrowingRequests(), TimeProvider.System);

        await Should.ThrowAsync<InvalidOperationException>(() => generator.RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void LoadPlan_Bounds_CountAndDeadlineFollowTheSchedule()
    {
        var plan = new LoadPlan(100, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), 256, TimeSpan.FromSeconds(2));

        plan.TotalRequests.ShouldBe(3500);
        plan.WarmupRequests.ShouldBe(500);
        plan.DueAt(100).ShouldBe(TimeSpan.FromSeconds(1));
        plan.Deadline.ShouldBe(TimeSpan.FromSeconds(42));
    }

    [Fact]
    public async Task RunAsync_TargetStallsOneSecond_EveryRequestDueMeanwhileCountsItsWaitFromTheIntendedTime()
    {
        // The first answer takes a second on the generator's clock (the clock jumps; no real waiting). A closed loop would
        // time one slow request and nine fast ones (coordinated omission); an open model times each from when it was due.
        var time = new JumpingTime();
        var answered = 0;
        var handler = new ScriptedHandler(_ =>
        {
            if (Interlocked.Increment(ref answered) == 1)
            {
                time.Jump(TimeSpan.FromSeconds(1));
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        });
        var plan = new LoadPlan(10, TimeSpan.Zero, TimeSpan.FromSeconds(1), Unbounded, Patient);

        var result = await new OpenModelLoadGenerator(new HttpClient(handler), new FixedRequests(), time).RunAsync(plan, cancellationToken: TestContext.Current.CancellationToken);

        result.Latency.TotalCount.ShouldBe(10);
        // Due at 0, 0.1, ..., 0.9 s and none sent before 1 s: the last one waited at least 0.1 s, the first a whole second
        // (the histogram keeps 2 significant digits: 1% below).
        result.Latency.GetValueAtPercentile(0).ShouldBeGreaterThanOrEqualTo(99_000);
        result.Latency.GetValueAtPercentile(100).ShouldBeGreaterThanOrEqualTo(990_000);
        // The generator knows it sent late: its scheduling lag is part of the run's validity.
        result.SchedulingLagP99Micros.ShouldBeGreaterThanOrEqualTo(99_000);
    }

    /// <summary>The system clock plus jumps a test makes.</summary>
    private sealed class JumpingTime : TimeProvider
    {
        private long _offset;

        public void Jump(TimeSpan by) => Interlocked.Add(ref _offset, (long)(by.TotalSeconds * TimestampFrequency));

        public override long GetTimestamp() => System.GetTimestamp() + Interlocked.Read(ref _offset);
    }

    private static OpenModelLoadGenerator Generator(ScriptedHandler handler) =>
        new(new HttpClient(handler), new FixedRequests(), TimeProvider.System);

    private sealed class FixedRequests : IRequestFactory
    {
        public HttpRequestMessage Create(long sequence) => new(HttpMethod.Post, Target);
    }

    private sealed class ThrowingRequests : IRequestFactory
    {
        public HttpRequestMessage Create(long sequence) => sequence < 5 ? new(HttpMethod.Post, Target) : throw new InvalidOperationException("no request");
    }

    private sealed class CollectingAnswers : IAnswerRecorder
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Bodies { get; } = [];

        public void Record(long sequence, int interval, ReadOnlySpan<byte> body) => Bodies.Add(System.Text.Encoding.UTF8.GetString(body));
    }

    private sealed class ScriptedHandler(Func<CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return answer(cancellationToken);
        }
    }
}
