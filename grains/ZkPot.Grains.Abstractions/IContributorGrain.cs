namespace ZkPot.Grains;

/// <summary>
/// A ceremony contributor (key: the participant's key, "owner/pN"), placed on its owner's silos: it draws its secrets
/// there, from that process's CSPRNG, applies them to the file it is given, forgets them, and returns the new file's
/// content id. Nothing secret leaves it.
/// </summary>
public interface IContributorGrain : IGrainWithStringKey
{
    /// <summary>A phase-1 contribution to the .ptau under <paramref name="ptauCid"/>.</summary>
    Task<string> ContributePhase1(string ptauCid);

    /// <summary>A phase-2 contribution to the .zkey under <paramref name="zkeyCid"/>.</summary>
    Task<string> ContributePhase2(string zkeyCid);
}
