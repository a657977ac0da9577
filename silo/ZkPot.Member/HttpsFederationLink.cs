using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ZkPot.Grains.Federation;

namespace ZkPot.Member;

/// <summary>
/// The federation link between member processes: each frame is an HTTPS POST to the receiver's door, over mutual TLS
/// where both ends present exactly the certificate the federation directory pins for them. Posts are fire and forget
/// (lost when the receiver is down, as on any network: the protocol re-sends); requests wait for their answer or time out.
/// </summary>
public sealed class HttpsFederationLink : IFederationLink, IDisposable
{
    public const string FramesPath = "/federation/v1/frames";
    public const string RequestsPath = "/federation/v1/requests";

    /// <summary>
    /// Posts to one member that may wait for their answer at once; more are dropped (counted), as lost on the way: a
    /// member that takes connections and never answers would otherwise hold a connection and a frame per post for the
    /// client's whole timeout.
    /// </summary>
    public const int MaxPostsInFlight = 64;

    readonly FederationDirectory _directory;
    readonly X509Certificate2 _certificate;
    readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, StrongBox<int>> _inFlight = new(StringComparer.Ordinal);
    long _sent, _dropped;

    public HttpsFederationLink(FederationDirectory directory, X509Certificate2 certificate, string me)
    {
        _directory = directory;
        _certificate = certificate;
        Me = me;
        _ = directory[me];
    }

    /// <summary>This member's name on the link.</summary>
    public string Me { get; }

    /// <summary>Bytes this member has sent (frames and requests).</summary>
    public long BytesSent => Interlocked.Read(ref _sent);

    /// <summary>Posts dropped because <see cref="MaxPostsInFlight"/> were still waiting for their receiver.</summary>
    public long PostsDropped => Interlocked.Read(ref _dropped);

    public void Post(string to, byte[] message)
    {
        var inFlight = _inFlight.GetOrAdd(to, _ => new StrongBox<int>());
        if (Interlocked.Increment(ref inFlight.Value) > MaxPostsInFlight)
        {
            Interlocked.Decrement(ref inFlight.Value);
            Interlocked.Increment(ref _dropped);
            return;
        }
        Interlocked.Add(ref _sent, message.Length);
        _ = Send(to, message, inFlight);
    }

    async Task Send(string to, byte[] message, StrongBox<int> inFlight)
    {
        try
        {
            using var response = await ClientOf(to).PostAsync(FramesPath, new ByteArrayContent(message));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or KeyNotFoundException or System.Security.Authentication.AuthenticationException)
        {
            // Lost, as on any network: the receiver is down, or is not who the directory pins.
        }
        finally
        {
            Interlocked.Decrement(ref inFlight.Value);
        }
    }

    public async Task<byte[]?> Request(string to, byte[] request, TimeSpan timeout)
    {
        Interlocked.Add(ref _sent, request.Length);
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            using var response = await ClientOf(to).PostAsync(RequestsPath, new ByteArrayContent(request), cancel.Token);
            return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadAsByteArrayAsync(cancel.Token) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OperationCanceledException or KeyNotFoundException
                                       or System.Security.Authentication.AuthenticationException)
        {
            return null;
        }
    }

    /// <summary>One client per peer: it presents this member's certificate and accepts only the peer's pinned one.</summary>
    HttpClient ClientOf(string owner) => _clients.GetOrAdd(owner, o =>
    {
        var peer = _directory[o];
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { _certificate },
                // Pinning replaces the chain and name checks: a self-signed certificate is fine if it is exactly the pinned one.
                RemoteCertificateValidationCallback = (_, certificate, _, _) => _directory.IsPinned(o, certificate),
            },
        };
        // An answer is held whole in memory: no larger than what a door takes (a model or an opening is far smaller).
        return new HttpClient(handler) { BaseAddress = peer.Url, Timeout = TimeSpan.FromSeconds(30), MaxResponseContentBufferSize = FederationEndpoints.MaxBody };
    });

    public void Dispose()
    {
        foreach (var client in _clients.Values) client.Dispose();
    }
}
