/**
 * What to do about an endpoint, from what the scan saw: a short next step per endpoint that breaks or still
 * accepts legacy versions or weak suites ({@link io.tlsweep.advice.NextSteps}), where that is set for the server
 * software the scan could tell ({@link io.tlsweep.advice.Software}, each with the vendor documentation it cites),
 * and the certificate problems shown next to a verdict ({@link io.tlsweep.advice.CertificateMark}). Pure: values in,
 * values out.
 */
package io.tlsweep.advice;
