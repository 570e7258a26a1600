namespace Hydra.Grid;

/// <summary>How an AC names its holder in <c>Holder.baseCertificateID.issuer</c>.</summary>
public enum AcHolderFormat
{
    /// <summary>The holder certificate's subject: the VOMS default ("old format").</summary>
    HolderSubject,

    /// <summary>The holder certificate's issuer, as RFC 3281 intends (VOMS <c>-newformat</c>).</summary>
    HolderIssuer,
}
