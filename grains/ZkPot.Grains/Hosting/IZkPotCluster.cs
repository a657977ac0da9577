using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Hosting;

/// <summary>A running ZkPot cluster as a coordinator sees it: its grains and the content store its silos share.</summary>
public interface IZkPotCluster : IAsyncDisposable
{
    IGrainFactory Grains { get; }

    IContentStore Content { get; }
}
