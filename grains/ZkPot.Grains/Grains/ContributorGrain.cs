using ZkPot.Grains.Placement;
using ZkPot.Grains.Services;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;

namespace ZkPot.Grains.Grains;

/// <summary>
/// A participant's ceremony contributions, computed on its owner's silos with that process's randomness (see
/// <see cref="IContributorGrain"/>). The secrets live only inside the ceremony call and are not stored anywhere.
/// </summary>
[OwnerPlacement]
public sealed class ContributorGrain(IContentStore store) : Grain, IContributorGrain
{
    string Name => this.GetPrimaryKeyString();

    public async Task<string> ContributePhase1(string ptauCid)
    {
        var input = store.Get(Cid.Parse(ptauCid));
        var output = await ComputeScheduler.Run(() =>
        {
            using var ptau = PowersOfTau.Open(new MemoryStream(input, writable: false), "ptau " + ptauCid);
            return CeremonyGrain.WithTemporaryFile(path => Phase1Ceremony.Contribute(ptau, path, Trim(Name)));
        });
        return store.Put(output).ToString();
    }

    public async Task<string> ContributePhase2(string zkeyCid)
    {
        var input = store.Get(Cid.Parse(zkeyCid));
        var output = await ComputeScheduler.Run(() =>
        {
            var zkey = ZKeyReader.Read(new MemoryStream(input, writable: false), "zkey " + zkeyCid);
            using var stream = new MemoryStream();
            ZKeyWriter.Write(Phase2Ceremony.Contribute(zkey, Trim(Name)), stream);
            return stream.ToArray();
        });
        return store.Put(output).ToString();
    }

    static string Trim(string name) => name.Length > PowersOfTauContribution.MaxNameLength ? name[..PowersOfTauContribution.MaxNameLength] : name;
}
