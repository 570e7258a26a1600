using Hydra.Access;
using Hydra.Bridge.Options;
using Hydra.Dicom.Deidentification;

namespace Hydra.Bridge.Patients;

/// <summary>
/// Turns the hospital identifier a validated sign-in named into the patient's session: the pseudonym the de-identifier
/// wrote into their images and the date offset it applied, computed with the bridge secret. The identifier is used for
/// that computation only: it is neither kept nor logged.
/// </summary>
/// <remarks>
/// Images from several sources: the bridge gives every source the same pseudonym issuer rule and the same bound of the
/// date shift (only the PS3.15 options differ per source), so a patient has one pseudonym and one offset. A source
/// either shifts by that offset, keeps the real dates, or removes them; <see cref="PatientRecords"/> asks the
/// de-identifier which for each study's source, and undoes the shift only where it was applied.
/// </remarks>
internal sealed class PatientSignIn
{
    private readonly DicomDeidentifier _deidentifier;
    private readonly string _issuer;
    private readonly IReadOnlyList<string?> _sources;

    public PatientSignIn(DicomDeidentifier deidentifier, BridgeOptions options)
    {
        _deidentifier = deidentifier;
        _issuer = options.Patients.IssuerOfPatientId;
        // The default profile first, then each configured source: the first that shifts dates gives the offset.
        _sources = [null, .. options.Sources.Keys.Order(StringComparer.Ordinal)];
    }

    /// <exception cref="ArgumentException">The identifier is empty.</exception>
    public PatientSession SignIn(string hospitalPatientId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hospitalPatientId);
        var mappings = _sources.Select(source => _deidentifier.MapPatient(_issuer, hospitalPatientId, source)).ToList();
        var offset = mappings.Select(m => m.DateOffsetDays).FirstOrDefault(o => o is not null);
        return new PatientSession(new PatientPseudonym(mappings[0].Pseudonym), offset);
    }
}
