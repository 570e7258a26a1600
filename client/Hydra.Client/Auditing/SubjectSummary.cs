namespace Hydra.Client.Auditing;

/// <summary>
/// What one subject did in the selected records: one principal, or one person whose principals an identity links file
/// links (<see cref="IdentityLinks"/>).
/// </summary>
/// <param name="Subject">The subject: a principal (slash DN or <c>oidc:issuer#sub</c>), or the linked person's name.</param>
/// <param name="Records">Records where it acted, or was the delegate acting for someone.</param>
/// <param name="Releases">Shares released to it.</param>
/// <param name="KeysRebuilt">Distinct keys it received M shares of within the window (reconstructions).</param>
/// <param name="KeysTouched">Distinct keys its operations named.</param>
/// <param name="Refusals">Its operations that nodes refused.</param>
/// <param name="ViaDelegate">Its records where a delegate acted for it.</param>
/// <param name="AsDelegate">Records where it acted as a delegate for someone else.</param>
/// <param name="UnusualHours">Hours in which it received unusually many keys (volume flags).</param>
/// <param name="Flags">Flags naming it, as subject or delegate.</param>
/// <param name="First">Its first selected record.</param>
/// <param name="Last">Its last selected record.</param>
/// <param name="Linked">True when <paramref name="Subject"/> is a person of the links file.</param>
/// <param name="Principals">What each of its principals did, as actor or delegate, in order of first appearance.</param>
public sealed record SubjectSummary(
    string Subject,
    int Records,
    int Releases,
    int KeysRebuilt,
    int KeysTouched,
    int Refusals,
    int ViaDelegate,
    int AsDelegate,
    int UnusualHours,
    int Flags,
    DateTimeOffset First,
    DateTimeOffset Last,
    bool Linked,
    IReadOnlyList<PrincipalActivity> Principals);
