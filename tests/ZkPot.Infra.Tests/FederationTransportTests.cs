using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZkPot.Grains;
using ZkPot.Grains.Federation;
using ZkPot.Member;

namespace ZkPot.Infra.Tests;

/// <summary>
/// The federation link's two ends in this process, with no Orleans: owner0's <see cref="HttpsFederationLink"/> and
/// owner1's door on Kestrel with mutual TLS and the directory's pins, as <see cref="MemberHost"/> sets them up. Each
/// test plays a Byzantine member against an honest end: what it does may cost the honest end no memory without bound.
/// </summary>
public sealed class FederationTransportTests : IDisposable
{
    readonly string _dir = Directory.CreateTempSubdirectory("zkpot-transport-").FullName;
    readonly FederationDirectory _directory;
    readonly X509Certificate2 _owner0, _owner1;
    readonly Uri _door;

    public FederationTransportTests()
    {
        int port = FreePort();
        _door = new Uri($"https://127.0.0.1:{port}");
        File.WriteAllText(Path.Combine(_dir, "federation.json"), $$"""
            {"members": [{"owner": "owner0", "url": "https://127.0.0.1:1", "certificate": "owner0.crt"},
                         {"owner": "owner1", "url": "{{_door}}", "certificate": "owner1.crt"}]}
            """);
        _directory = FederationDirectory.Load(Path.Combine(_dir, "federation.json"));
        _owner0 = MemberCertificate.LoadOrCreate(Path.Combine(_dir, "keys0"), "owner0");
        _owner1 = MemberCertificate.LoadOrCreate(Path.Combine(_dir, "keys1"), "owner1");
        _directory.Publish("owner0", _owner0);
        _directory.Publish("owner1", _owner1);
    }

    public void Dispose()
    {
        _owner0.Dispose();
        _owner1.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Posts_to_a_member_that_never_answers_do_not_pile_up()
    {
        int open = 0;
        await using var door = await Door(app => app.MapPost(HttpsFederationLink.FramesPath, async (HttpContext http) =>
        {
            // A Byzantine member's door: it takes the connection and the request, and never answers.
            Interlocked.Increment(ref open);
            try { await Task.Delay(Timeout.Infinite, http.RequestAborted); }
            catch (OperationCanceledException) { }
            finally { Interlocked.Decrement(ref open); }
            return Results.Accepted();
        }));
        using (var link = new HttpsFederationLink(_directory, _owner0, "owner0"))
        {
            for (int i = 0; i < 300; i++) link.Post("owner1", new byte[100]);
            int most = 0;
            for (int i = 0; i < 25; i++)
            {
                await Task.Delay(200);
                most = Math.Max(most, Volatile.Read(ref open));
            }
            Assert.True(most > 0, "no post reached the door");
            Assert.True(most <= HttpsFederationLink.MaxPostsInFlight, $"{most} posts to one silent member in flight at once (each its own connection for up to 30 s)");
        }
    }

    [Fact]
    public async Task An_answer_larger_than_the_link_takes_is_refused()
    {
        await using var door = await Door(app => app.MapPost(HttpsFederationLink.RequestsPath, (HttpContext http) =>
            // A small answer to a one-byte request; 64 MiB to any other.
            Results.Bytes(new byte[http.Request.ContentLength == 1 ? 100 : 64 << 20], "application/octet-stream")));
        using var link = new HttpsFederationLink(_directory, _owner0, "owner0");
        Assert.Equal(100, (await link.Request("owner1", [1], TimeSpan.FromSeconds(20)))?.Length);
        Assert.Null(await link.Request("owner1", new byte[100], TimeSpan.FromSeconds(20)));
    }

    [Fact]
    public async Task A_member_cannot_park_more_than_its_share_of_bodies_at_a_door()
    {
        var peer = new HoldingPeer();
        await using var door = await Door(app => FederationEndpoints.Map(app, _directory, _ => peer));
        using var client = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { _owner0 },
                RemoteCertificateValidationCallback = (_, certificate, _, _) => _directory.IsPinned("owner1", certificate),
            },
        }) { BaseAddress = _door, Timeout = TimeSpan.FromSeconds(60) };
        // owner0 sends 16 frames of 8 MiB at once; the door holds on to each frame it takes.
        const int frames = 16, size = 8 << 20;
        var posts = Enumerable.Range(0, frames).Select(_ => client.PostAsync(HttpsFederationLink.FramesPath, new ByteArrayContent(new byte[size]))).ToList();
        for (int i = 0; i < 100 && posts.Count(p => p.IsCompleted) + peer.Holding < frames; i++) await Task.Delay(100);
        long held = (long)peer.Most * size;
        peer.Release();
        await Task.WhenAll(posts);
        Assert.True(held <= FederationEndpoints.MaxBytesInFlightPerMember, $"the door held {held >> 20} MiB of one member's frames at once");
        Assert.Contains(posts, p => p.Result.StatusCode == HttpStatusCode.Accepted);
    }

    /// <summary>A door that keeps every frame until released, and counts how many it holds at once.</summary>
    sealed class HoldingPeer : IFederationPeer
    {
        readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        int _holding, _most;

        public int Holding => Volatile.Read(ref _holding);
        public int Most => Volatile.Read(ref _most);

        public void Release() => _release.TrySetResult();

        public async Task Deliver(byte[] message, string from)
        {
            int now = Interlocked.Increment(ref _holding);
            InterlockedMax(ref _most, now);
            await _release.Task;
            Interlocked.Decrement(ref _holding);
        }

        public Task<byte[]?> Answer(byte[] request) => Task.FromResult<byte[]?>(null);

        static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen) { }
        }
    }

    /// <summary>owner1's door: Kestrel with mutual TLS and the directory's pins, as <see cref="MemberHost"/> listens.</summary>
    async Task<WebApplication> Door(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        // The endpoints ask for a grain factory; the test's door is not a grain, so none is made.
        builder.Services.AddSingleton(DispatchProxy.Create<IGrainFactory, NoGrains>());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = FederationEndpoints.MaxBody;
            kestrel.Listen(IPAddress.Loopback, _door.Port, listener => listener.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = _owner1,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                ClientCertificateValidation = (peer, _, _) => _directory.OwnerOf(peer) is not null,
                SslProtocols = System.Security.Authentication.SslProtocols.Tls13,
            }));
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return app;
    }

    /// <summary>A grain factory that makes no grains (every call answers null).</summary>
    public class NoGrains : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => null;
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
