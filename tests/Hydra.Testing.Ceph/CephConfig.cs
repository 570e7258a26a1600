using System.Globalization;

namespace Hydra.Testing.Ceph;

/// <summary>The ceph.conf of a private one-node cluster (see shared research, "Ceph 16 as an S3 store").</summary>
internal static class CephConfig
{
    public static string Text(string folder, string fsid, int monitorPort, int gatewayPort)
    {
        var mon = monitorPort.ToString(CultureInfo.InvariantCulture);
        var rgw = gatewayPort.ToString(CultureInfo.InvariantCulture);
        return $"""
            [global]
            fsid = {fsid}
            mon host = v2:127.0.0.1:{mon}
            auth cluster required = none
            auth service required = none
            auth client required = none
            auth allow insecure global id reclaim = true
            ms bind msgr1 = false
            ms bind msgr2 = true
            public addr = 127.0.0.1
            cluster addr = 127.0.0.1
            osd pool default size = 1
            osd pool default min size = 1
            osd pool default pg num = 8
            osd pool default pgp num = 8
            osd pool default pg autoscale mode = off
            mon max pg per osd = 1000
            mon allow pool size one = true
            mon data avail warn = 1
            osd objectstore = memstore
            # Otherwise memstore drops its data at SIGTERM and the gateway hangs at its next start.
            osd fast shutdown = false
            # Otherwise each of the gateway's pool commands waits a second (18 s to the first PUT instead of ~2.5 s).
            paxos propose interval = 0.01
            run dir = {folder}/run
            admin socket = {folder}/run/$name.asok
            log file = {folder}/log/$name.log
            pid file = {folder}/run/$name.pid
            keyring = /dev/null

            [mon.a]
            mon data = {folder}/mon

            [osd.0]
            osd data = {folder}/osd

            [client]
            # Otherwise the gateway hangs on a secure monitor connection under auth none (get_initial_auth_request -13).
            ms mon client mode = crc

            [client.rgw]
            rgw frontends = beast endpoint=127.0.0.1:{rgw}
            rgw data = {folder}/rgw
            # Quotas are checked against fresh statistics, so a test's quota applies to the next write.
            rgw bucket quota ttl = 0
            rgw user quota bucket sync interval = 0
            rgw user quota sync interval = 0

            """;
    }
}
