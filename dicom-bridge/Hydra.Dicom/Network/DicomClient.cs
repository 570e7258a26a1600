using System.Globalization;
using System.Net.Sockets;
using Hydra.Dicom.Network.Pdu;
using Hydra.Dicom.Network.Protocol;
using Hydra.Dicom.Network.Services;
using Hydra.Dicom.Network.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Dicom.Network;

/// <summary>
/// The association requestor (SCU): opens associations to one peer (PS3.8 7.1) and offers one-call helpers for
/// C-ECHO, C-STORE of files and C-FIND. For several operations on one association use <see cref="ConnectAsync"/>.
/// Sockets always have TCP_NODELAY; every PDU goes out in one write.
/// </summary>
public sealed class DicomClient
{
    private static long _nextAssociationId = 1_000_000;

    private readonly DicomClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    public DicomClient(DicomClientOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<DicomClient>();
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Opens an association proposing <paramref name="proposal"/>. <paramref name="storeHandler"/> receives the
    /// C-STORE sub-operations of C-GET (propose the SCP role for their SOP classes). Throws
    /// <see cref="DicomAssociationRejectedException"/> on rejection and <see cref="DicomNetworkException"/> on other failures.
    /// </summary>
    public async Task<DicomClientAssociation> ConnectAsync(DicomAssociationProposal proposal, IDicomStoreHandler? storeHandler,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.Contexts.Count == 0)
        {
            throw new ArgumentException("Propose at least one presentation context.", nameof(proposal));
        }

        DicomNetworkLog.Requesting(_logger, _options.CallingAeTitle, _options.CalledAeTitle, _options.Host, _options.Port, _options.Tls is not null);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            using (var connect = new LinkedTimeout(_options.ConnectTimeout, _timeProvider, cancellationToken))
            {
                await socket.ConnectAsync(_options.Host, _options.Port, connect.Token).ConfigureAwait(false);
            }

            stream = new NetworkStream(socket, ownsSocket: true);
            IDicomPeerIdentity? identity = null;
            using var artim = new LinkedTimeout(_options.ArtimTimeout, _timeProvider, cancellationToken);
            if (_options.Tls is { } tls)
            {
                var connection = await tls.ConnectAsync(stream, _options.Host, artim.Token).ConfigureAwait(false);
                stream = connection.Stream;
                identity = connection.PeerIdentity;
            }

            var request = BuildRequest(proposal);
            await stream.WriteAsync(PduEncoder.EncodeAssociate(request, request: true), artim.Token).ConfigureAwait(false);
            var reader = new PduReader(stream, _timeProvider, _options.Tls is null ? socket : null);
            var association = await ReadAnswerAsync(stream, reader, request, identity, socket, storeHandler, artim.Token).ConfigureAwait(false);
            association.Start();
            return new DicomClientAssociation(association);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Close(stream, socket);
            throw new DicomNetworkException(string.Create(CultureInfo.InvariantCulture,
                $"No association with {_options.CalledAeTitle} at {_options.Host}:{_options.Port} within the timeout."));
        }
        catch (Exception e) when (e is SocketException or IOException or System.Security.Authentication.AuthenticationException)
        {
            Close(stream, socket);
            throw new DicomNetworkException($"Cannot associate with {_options.CalledAeTitle} at {_options.Host}:{_options.Port}: {e.Message}", e);
        }
        catch
        {
            Close(stream, socket);
            throw;
        }
    }

    /// <summary>C-ECHO on a new association, then release (PS3.4 A.4).</summary>
    public async Task<DicomStatus> EchoAsync(CancellationToken cancellationToken)
    {
        await using var association = await ConnectAsync(new DicomAssociationProposal().AddVerification(), null, cancellationToken).ConfigureAwait(false);
        var status = await association.EchoAsync(cancellationToken).ConfigureAwait(false);
        await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        return status;
    }

    /// <summary>Sends <paramref name="files"/> by C-STORE on one association, then releases; one result per file, in order.</summary>
    public async Task<IReadOnlyList<DicomStoreResult>> StoreAsync(IReadOnlyList<DicomFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        await using var association = await ConnectAsync(DicomAssociationProposal.ForFiles(files), null, cancellationToken).ConfigureAwait(false);
        var results = new List<DicomStoreResult>(files.Count);
        foreach (var file in files)
        {
            results.Add(await association.StoreAsync(file, cancellationToken).ConfigureAwait(false));
        }

        await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>C-FIND on a new association: every match, then release.</summary>
    public async Task<IReadOnlyList<DicomDataset>> FindAsync(string informationModel, DicomDataset identifier, CancellationToken cancellationToken)
    {
        await using var association = await ConnectAsync(new DicomAssociationProposal().AddQueryRetrieve(informationModel), null, cancellationToken)
            .ConfigureAwait(false);
        var matches = new List<DicomDataset>();
        await foreach (var match in association.FindAsync(informationModel, identifier, cancellationToken).ConfigureAwait(false))
        {
            matches.Add(match);
        }

        await association.ReleaseAsync(cancellationToken).ConfigureAwait(false);
        return matches;
    }

    private static void Close(Stream? stream, Socket socket)
    {
        stream?.Dispose();
        socket.Dispose();
    }

    private AssociatePdu BuildRequest(DicomAssociationProposal proposal) => new()
    {
        CalledAeTitle = _options.CalledAeTitle,
        CallingAeTitle = _options.CallingAeTitle,
        Proposals = [.. proposal.Contexts.Select((c, i) =>
            new PresentationContextProposal((byte)((2 * i) + 1), c.AbstractSyntax, [.. c.Syntaxes.Select(s => s.Uid)]))],
        UserInformation = new UserInformation
        {
            MaxPduLength = _options.MaxPduLength,
            ImplementationClassUid = DicomLibraryInfo.ImplementationClassUid,
            ImplementationVersionName = DicomLibraryInfo.ImplementationVersionName,
            RoleSelections = proposal.Roles,
        },
    };

    private async Task<Association> ReadAnswerAsync(Stream stream, PduReader reader, AssociatePdu request, IDicomPeerIdentity? identity,
        Socket socket, IDicomStoreHandler? storeHandler, CancellationToken cancellationToken)
    {
        var limits = new PduLimits(1024 * 1024, 1024 * 1024);
        var answer = await reader.ReadAsync(limits, _options.ArtimTimeout, _options.ArtimTimeout, cancellationToken).ConfigureAwait(false)
            ?? throw new DicomNetworkException("The peer closed the connection instead of answering the association request.");
        var type = answer.Span[0];
        switch ((PduType)type)
        {
            case PduType.AssociateAccept:
                return CreateAssociation(stream, reader, request, PduParser.ParseAssociate(answer.Span), identity, socket, storeHandler);
            case PduType.AssociateReject:
                var reject = PduParser.ParseReject(answer.Span);
                throw new DicomAssociationRejectedException(reject.Result, reject.Source, reject.Reason);
            case PduType.Abort:
                var abort = PduParser.ParseAbort(answer.Span);
                throw new DicomNetworkException($"The peer aborted the association request (source {abort.Source}, reason {abort.Reason}).");
            default:
                await stream.WriteAsync(PduEncoder.EncodeAbort(new AbortPdu(DicomAbortSource.ServiceProvider, DicomPduReason.UnexpectedPdu)),
                    cancellationToken).ConfigureAwait(false);
                throw new DicomPduException(type, 0, DicomPduReason.UnexpectedPdu, "the answer to A-ASSOCIATE-RQ is not AC, RJ or A-ABORT");
        }
    }

    private Association CreateAssociation(Stream stream, PduReader reader, AssociatePdu request, AssociatePdu accept,
        IDicomPeerIdentity? identity, Socket socket, IDicomStoreHandler? storeHandler)
    {
        var contexts = request.Proposals.Select(p =>
        {
            var outcome = accept.Outcomes.FirstOrDefault(o => o.Id == p.Id);
            var syntax = outcome is { Result: DicomPresentationContextResult.Acceptance, TransferSyntax: { } uid } && p.TransferSyntaxes.Contains(uid)
                ? DicomTransferSyntax.Lookup(uid)
                : null;
            var result = outcome is null || (outcome.Result == DicomPresentationContextResult.Acceptance && syntax is null)
                ? DicomPresentationContextResult.NoReason
                : outcome.Result;
            return new DicomPresentationContext(p.Id, p.AbstractSyntax, result, syntax);
        }).ToList();
        var context = new DicomAssociationContext(Interlocked.Increment(ref _nextAssociationId), _options.CallingAeTitle, _options.CalledAeTitle,
            socket.RemoteEndPoint, socket.LocalEndPoint, identity, _options.Tls is not null, contexts)
        {
            PeerMaxPduLength = accept.UserInformation.MaxPduLength,
            MaxPduLength = _options.MaxPduLength,
            PeerImplementationClassUid = accept.UserInformation.ImplementationClassUid,
            PeerImplementationVersionName = accept.UserInformation.ImplementationVersionName,
            RoleSelections = accept.UserInformation.RoleSelections,
        };
        var settings = new AssociationSettings
        {
            ArtimTimeout = _options.ArtimTimeout,
            IdleTimeout = _options.DimseTimeout,
            DimseTimeout = _options.DimseTimeout,
            MaxReceivePduLength = _options.MaxPduLength,
            ReaderOptions = _options.ReaderOptions,
        };
        var handler = storeHandler is null ? null : new ClientRequestHandler(storeHandler);
        return new Association(stream, reader, isRequestor: true, context, settings, handler, _logger, _timeProvider);
    }
}
