package cn.huren.device;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * A USB key or a mobile certificate app, simulated, for Huren demos and tests. Run without
 * arguments for the usage.
 */
public final class DeviceSimulator {

    static final String USAGE = """
            Huren device simulator: a USB key or a mobile certificate app (keys in a PKCS#12 file).

              enroll --server URL --tenant CODE --kind ENTERPRISE|PERSON --id USCC_OR_ID --name NAME
                     [--profile ENTERPRISE|LEGAL_REPRESENTATIVE|PERSONAL] [--alg SM2|RSA|EC] --p12 FILE --pin PIN [--force]
                  new key, CSR to the tenant's demo CA, key and certificate chain stored in FILE
              apply --server URL --tenant CODE --token TOKEN --holder NAME [--kind ISSUE|RENEW|CHANGE] [--replaces CERTIFICATE_ID]
                    [--type ENTERPRISE|LEGAL_REPRESENTATIVE|PERSONAL] [--medium TOKEN|MOBILE] [--alg SM2|RSA|EC] --p12 FILE --pin PIN [--force]
                  new key in FILE, certificate application for it by the primary certificate's session TOKEN; prints its id
              download --server URL --tenant CODE --application ID --p12 FILE --pin PIN [--medium-id ID]
                  once the CA approved it: signs for the certificate with the key in FILE and stores the CA's chain there
              login --server URL --tenant CODE --p12 FILE --pin PIN [--medium-id ID]
                  certificate login (TOKEN flow): challenge, signature, response; prints the result
              scan --payload 'huren://login?…' --p12 FILE --pin PIN [--confirm-delay SECONDS] [--medium-id ID]
                  the mobile app's QR login: marks the code scanned, then signs and answers it
              serve [--port 18765] --p12 FILE --pin PIN
                  local signer for the login page on 127.0.0.1: GET /certificate, POST /sign {"message","pin"}
              sign-document --file FILE --out FILE.p7s --p12 FILE --pin PIN
                  detached CMS SignedData over a document (SM3withSM2 / SHA256withRSA / SHA256withECDSA)
              info --p12 FILE --pin PIN
                  the certificate in the file and the medium id

            Exit status: 0 done, 1 refused by the server or unreachable, 2 wrong command line, PIN or input.
            """;

    private DeviceSimulator() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> options = Arrays.asList(args).subList(1, args.length);
        Commands commands = new Commands(out, err);
        try {
            switch (args[0]) {
                case "enroll" -> commands.enroll(options);
                case "apply" -> commands.apply(options);
                case "download" -> commands.download(options);
                case "login" -> commands.login(options);
                case "scan" -> commands.scan(options);
                case "serve" -> commands.serve(options);
                case "sign-document" -> commands.signDocument(options);
                case "info" -> commands.info(options);
                default -> throw new Options.UsageException("unknown command " + args[0]);
            }
            return 0;
        } catch (Options.UsageException | IllegalArgumentException | Medium.WrongPin e) {
            err.println("error: " + e.getMessage());
            if (e instanceof Options.UsageException) {
                err.println("run without arguments for the usage");
            }
            return 2;
        } catch (HurenClient.Refused e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }
}
