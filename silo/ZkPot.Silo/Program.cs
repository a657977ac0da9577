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
    IContentStore content = settings.ContentDirectory is null ? new InMemoryContentStore() : new FileSystemContentStore(settings.ContentDirectory);
    silo.AddZkPot(new SiloRole(name, settings.Gpu, settings.Owner), content);
    silo.Configure<SiloOptions>(o => o.SiloName = name);
    silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(readiness);
    if (settings.Profile == SiloProfile.Local)
    {
        silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort);
        return;
    }
    silo.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = settings.ServiceId; });
    // Kubernetes gives each pod its address; elsewhere Orleans picks the host's first non-loopback address.
    var podIp = Environment.GetEnvironmentVariable("POD_IP");
    silo.ConfigureEndpoints(settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
    if (settings.Profile == SiloProfile.Kubernetes && System.Net.IPAddress.TryParse(podIp, out var address))
        silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = address);
    var credential = new DefaultAzureCredential();
    silo.UseAzureStorageClustering(o => o.TableServiceClient = settings.StorageConnection is not null
        ? new TableServiceClient(settings.StorageConnection)
        : new TableServiceClient(settings.TableAccountUri, credential));
    // Registered after AddZkPot's in-memory storage of the same name: the later keyed registration wins.
    silo.AddAzureBlobGrainStorage(ZkPotSiloBuilderExtensions.StorageName, o => o.BlobServiceClient = settings.StorageConnection is not null
        ? new BlobServiceClient(settings.StorageConnection)
        : new BlobServiceClient(settings.StorageAccountUri, credential));
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
