using System.Net;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ZkPot.Grains;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Storage;

namespace ZkPot.Member;

/// <summary>
/// One member as a process: its own Orleans cluster (one silo; its own cluster id, storage account and key store; the
/// gateway on 127.0.0.1 for its operator only), and the federation door on a Kestrel listener that requires a client
/// certificate pinned by the federation directory. A Byzantine member is the same host running an adversary's code
/// around its member (<see cref="ZkPot.Grains.Adversary.Adversary"/>), chosen by its operator, known to no one else.
/// </summary>
public static class MemberHost
{
    public static async Task RunAsync(MemberOptions options, CancellationToken stop, Action<string>? log = null)
    {
        var directory = FederationDirectory.Load(options.FederationFile);
        _ = directory[options.Owner];
        var keys = new KeyStore(options.KeyDirectory);
        using var certificate = MemberCertificate.LoadOrCreate(keys.Directory, options.Owner);
        directory.Publish(options.Owner, certificate);
        using var link = new HttpsFederationLink(directory, certificate, options.Owner);
        var adversary = options.Byzantine == AttackKind.None ? null : Grains.Adversary.Adversary.For(options.Byzantine);
        adversary?.PrepareKey(keys, options.Participant);
        var storage = options.StorageConnection is { } connection
            ? ZkPotStorage.AzureBlob(new BlobServiceClient(connection))
            : ZkPotStorage.Memory(new InMemoryContentStore());
        bool ready = false;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // What the member itself does (heights, leaders, openings, refusals) is worth an operator's log.
        builder.Logging.AddFilter("ZkPot", LogLevel.Information);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = FederationEndpoints.MaxBody;
            kestrel.Listen(options.Listen, listener => listener.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = certificate,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                // Pinning: the peer must present exactly a member's certificate of the directory (chain and names are not what is trusted).
                ClientCertificateValidation = (peer, _, _) => directory.OwnerOf(peer) is not null,
                SslProtocols = System.Security.Authentication.SslProtocols.Tls13,
            }));
            if (options.HealthPort > 0) kestrel.Listen(IPAddress.Loopback, options.HealthPort);
        });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ClusterId, clusterId: options.ClusterId);
            silo.AddZkPot(new SiloRole($"{options.Owner}-silo", Gpu: false, options.Owner, "auto"), storage, keys);
            silo.Services.AddSingleton<IFederationLink>(link);
            silo.Services.Replace(ServiceDescriptor.Singleton<IOpeningSource>(new LinkOpeningSource(link)));
            adversary?.Install(silo, link, options.Participant);
        });
        var app = builder.Build();
        FederationEndpoints.Map(app, directory, door =>
        {
            IFederationPeer honest = new DoorPeer(door);
            return adversary?.Door(honest) ?? honest;
        });
        app.MapGet("/health/ready", () => ready ? Results.Text("ready") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            ready = true;
            log?.Invoke($"member {options.Owner} ready: federation door {options.Listen} (mutual TLS), gateway 127.0.0.1:{options.GatewayPort}" +
                        (adversary is null ? "" : $", running the adversary {options.Byzantine}"));
        });
        await app.RunAsync(stop);
    }

    sealed class DoorPeer(IMemberGrain door) : IFederationPeer
    {
        public Task Deliver(byte[] message, string from) => door.Deliver(message, from);

        public Task<byte[]?> Answer(byte[] request) => door.Answer(request);
    }
}
