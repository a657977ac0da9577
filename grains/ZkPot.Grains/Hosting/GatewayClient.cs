using System.Net;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Hosting;

/// <summary>
/// An Orleans client of a cluster of silo processes, reached through one gateway, with the content store the silos use
/// (Azure Blob storage or Azurite): how a coordinator or an external participant drives a deployed cluster.
/// </summary>
public sealed class GatewayClient : IZkPotCluster
{
    readonly IHost _host;

    GatewayClient(IHost host, IContentStore content)
    {
        _host = host;
        Content = content;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    public IClusterClient Client { get; }
    public IGrainFactory Grains => Client;
    public IContentStore Content { get; }

    /// <summary>Connects to the gateway; throws naming it when no silo answers there.</summary>
    public static async Task<GatewayClient> ConnectAsync(IPEndPoint gateway, string storageConnection, string clusterId = "zkpot", string serviceId = "zkpot",
                                                         CancellationToken cancel = default)
    {
        var content = ZkPotStorage.AzureBlob(new BlobServiceClient(storageConnection)).Content;
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .UseStaticClustering(gateway)
                .Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = serviceId; })
                .Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(10))
                .Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5)))
            .Build();
        try
        {
            await host.StartAsync(cancel);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or System.Net.Sockets.SocketException)
        {
            host.Dispose();
            throw new InvalidOperationException($"no ZkPot silo answers at gateway {gateway} (cluster {clusterId}): {e.Message}", e);
        }
        return new GatewayClient(host, content);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
