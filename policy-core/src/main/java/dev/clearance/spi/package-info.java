/** Extension points: detectors that find secrets, personal data and custom terms in content. */
package dev.clearance.spi;
