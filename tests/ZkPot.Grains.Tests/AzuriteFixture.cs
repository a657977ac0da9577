using Azure.Storage.Blobs;
using ZkPot.TestSupport;

namespace ZkPot.Grains.Tests;

/// <summary>One Azurite process for a test class; each test uses its own containers or task, so tests do not see each other's data.</summary>
public sealed class AzuriteFixture : IDisposable
{
    public AzuriteServer Server { get; } = AzuriteServer.Start();

    public BlobServiceClient Blobs => new(Server.ConnectionString);

    public void Dispose() => Server.Dispose();
}
