using System.Net;
using System.Text;
using System.Threading.Channels;
using Hydra.Cli.Commands.Login;
using Hydra.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Cli.Tests.Commands.Login;

/// <summary>
/// The device grant's polling rules (RFC 8628 section 3.5) as pure logic: the issuer's answers come from a script
/// and time from a fake clock, so the waits between polls are seen exactly. The real provider runs in LoginCommandTests.
/// </summary>
public sealed class DeviceFlowPollingTests
{
    private static readonly IssuerEndpoints Endpoints = new(new Uri("https://iam.test/device"), new Uri("https://iam.test/token"));
    private static readonly LoginRequest Request = new(new Uri("https://iam.test/"), "hydra-cli", "openid", "https://keystore.test");

    [Fact]
    public async Task Poll_WaitsTheIntervalAndFiveSecondsMoreAfterEachSlowDown()
    {
        var issuer = new ScriptedIssuer(Error("authorization_pending"), Error("slow_down"), Error("authorization_pending"), Granted("eyJ.eyJ.sig"));

        var (token, waits) = await PollAsync(issuer, interval: 5, expiresIn: 600);

        Assert.Equal("eyJ.eyJ.sig", token.AccessToken);
        Assert.Equal([5, 5, 10, 10], waits);
        Assert.Equal(4, issuer.Requests.Count);
        Assert.All(issuer.Requests, form =>
        {
            Assert.Contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code", form, StringComparison.Ordinal);
            Assert.Contains("device_code=the-device-code", form, StringComparison.Ordinal);
            Assert.Contains("resource=https%3A%2F%2Fkeystore.test", form, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Poll_PastExpiresIn_StopsWithoutAnotherRequest()
    {
        var issuer = new ScriptedIssuer(Error("authorization_pending"), Error("authorization_pending"), Error("authorization_pending"));

        var failure = await Assert.ThrowsAsync<LoginException>(() => PollAsync(issuer, interval: 5, expiresIn: 12));

        Assert.Equal(LoginProblem.CodeExpired, failure.Problem);
        Assert.Equal(2, issuer.Requests.Count);
    }

    [Theory]
    [InlineData("access_denied", "Refused")]
    [InlineData("expired_token", "CodeExpired")]
    [InlineData("invalid_grant", "Refused")]
    public async Task Poll_FinalErrors_EndTheLoginWithTheIssuersReason(string error, string problem)
    {
        var issuer = new ScriptedIssuer(Error(error));

        var failure = await Assert.ThrowsAsync<LoginException>(() => PollAsync(issuer, interval: 1, expiresIn: 60));

        Assert.Equal(Enum.Parse<LoginProblem>(problem), failure.Problem);
        Assert.Single(issuer.Requests);
    }

    /// <summary>Polls with a fake clock, advancing it by each wait the client asks for; returns the token and the waits in seconds.</summary>
    private static async Task<(GrantedToken Token, List<double> Waits)> PollAsync(ScriptedIssuer issuer, int interval, int expiresIn)
    {
        var time = new WatchedTime();
        using var http = new HttpClient(issuer);
        var authorization = new DeviceAuthorization(
            "the-device-code", "ABCD-EFGH", new Uri("https://iam.test/device"), null, TimeSpan.FromSeconds(expiresIn), TimeSpan.FromSeconds(interval));
        var poll = new DeviceFlowClient(http, time).PollAsync(Endpoints, Request, authorization, CancellationToken.None);
        var waits = new List<double>();
        while (true)
        {
            var next = time.Timers.Reader.ReadAsync().AsTask();
            if (await Task.WhenAny(poll, next).DefaultTimeout() == poll)
            {
                return (await poll, waits);
            }

            var wait = await next;
            waits.Add(wait.TotalSeconds);
            time.Advance(wait);
        }
    }

    private static HttpResponseMessage Error(string error) => Json(HttpStatusCode.BadRequest, $$"""{"error":"{{error}}","error_description":"scripted"}""");

    private static HttpResponseMessage Granted(string token) =>
        Json(HttpStatusCode.OK, $$"""{"access_token":"{{token}}","token_type":"Bearer","expires_in":300,"scope":"openid"}""");

    private static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    /// <summary>A fake clock that reports each timer the client starts (Task.Delay on a TimeProvider creates one).</summary>
    private sealed class WatchedTime : FakeTimeProvider
    {
        public Channel<TimeSpan> Timers { get; } = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                Timers.Writer.TryWrite(dueTime);
            }

            return timer;
        }
    }

    /// <summary>The token endpoint's answers in order; records each request's form.</summary>
    private sealed class ScriptedIssuer(params HttpResponseMessage[] answers) : HttpMessageHandler
    {
        private readonly Queue<HttpResponseMessage> _answers = new(answers);

        public List<string> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            return _answers.Dequeue();
        }
    }
}
