using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using ZkPot.Grains.Hosting;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Storage;
using ZkPot.Silo;

var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.From(builder.Configuration);
builder.WebHost.ConfigureKestrel(k => k.ListenAnyIP(settings.HttpPort));

var readiness = new SiloReadiness();
builder.UseOrleans(silo =>
{
    string name = Environment.GetEnvironmentVariable("POD_NAME") ?? $"{Environment.MachineName}-{settings.SiloPort}";
    var credential = new DefaultAzureCredential();
    // Grain state and content go to Azure Blob storage (or Azurite) whenever an account is configured, else to memory.
    var storage = settings.HasStorageAccount
        ? ZkPotStorage.AzureBlob(settings.StorageConnection is not null ? new BlobServiceClient(settings.StorageConnection) : new BlobServiceClient(settings.StorageAccountUri, credential))
        : ZkPotStorage.Memory(settings.ContentDirectory is null ? null : new FileSystemContentStore(settings.ContentDirectory));
    silo.AddZkPot(new SiloRole(name, settings.Gpu, settings.Owner, settings.Engine), storage, new KeyStore(settings.KeyStoreDirectory));
    silo.Configure<SiloOptions>(o => o.SiloName = name);
    silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(readiness);
    if (settings.Profile == SiloProfile.Local)
    {
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        return;
    }
    silo.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = settings.ServiceId; });
    silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
    // Kubernetes gives each pod its address (POD_IP); a local cluster on Azurite advertises 127.0.0.1
    // (ZKPOT_ADVERTISED_IP); elsewhere Orleans picks the host's first non-loopback address.
    var advertised = settings.AdvertisedAddress
        ?? (settings.Profile == SiloProfile.Kubernetes && System.Net.IPAddress.TryParse(Environment.GetEnvironmentVariable("POD_IP"), out var pod) ? pod : null);
    if (advertised is not null) silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = advertised);
    if (settings.FastFailureDetection)
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            // A dev cluster on one machine: declare a killed silo dead in seconds, not the production minute.
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        });
    silo.UseAzureStorageClustering(o => o.TableServiceClient = settings.StorageConnection is not null
        ? new TableServiceClient(settings.StorageConnection)
        : new TableServiceClient(settings.TableAccountUri, credential));
});
builder.Services.AddSiloTelemetry(settings);
builder.Services.AddHealthChecks().AddCheck("silo", readiness, tags: ["ready"]);

var app = builder.Build();
// Measurements made before the meter provider exists are dropped, so resolve it before the zero series.
app.Services.GetRequiredService<MeterProvider>();
SiloTelemetry.PublishCounters(settings.Owner);
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapPrometheusScrapingEndpoint("/metrics");
app.Run();
