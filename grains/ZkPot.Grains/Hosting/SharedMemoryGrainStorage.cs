using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;

namespace ZkPot.Grains.Hosting;

/// <summary>Grain storage over a <see cref="SharedStateStore"/>: states are serialized with the Orleans serializer, versions act as ETags.</summary>
public sealed class SharedMemoryGrainStorage(SharedStateStore store, Serializer serializer) : IGrainStorage
{
    static string Key(string stateName, GrainId grainId) => stateName + "|" + grainId;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.Entries.TryGetValue(Key(stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Bytes);
            grainState.ETag = entry.Version.ToString();
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        string key = Key(stateName, grainId);
        byte[] bytes = serializer.SerializeToArray(grainState.State);
        long version = store.Entries.AddOrUpdate(key, _ => (bytes, 1), (_, old) =>
        {
            if (old.Version.ToString() != grainState.ETag)
                throw new InconsistentStateException($"state {key}: stored version {old.Version}, the grain holds {grainState.ETag ?? "none"}");
            return (bytes, old.Version + 1);
        }).Version;
        grainState.ETag = version.ToString();
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.Entries.TryRemove(Key(stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
