package dev.stallwatch.app.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KernelLogFormTest {

  @Test
  void shouldTellTheThreeFormsApartByTheirLines() {
    assertThat(
            KernelLogForm.of(
                "[    0.412032] cgroup: Disabled controller 'memory'\n"
                    + "[ 5234.567890] INFO: task apt-get:4711 blocked for more than 120"
                    + " seconds.\n"))
        .isEqualTo(KernelLogForm.DMESG_SECONDS);
    assertThat(
            KernelLogForm.of(
                "[Fri Nov 20 09:06:03 2026] cgroup: Disabled controller 'memory'\n"
                    + "[Fri Nov 20 09:08:05 2026] INFO: task Web Content:2345 blocked for more"
                    + " than 122 seconds.\n"))
        .isEqualTo(KernelLogForm.DMESG_DATES);
    assertThat(
            KernelLogForm.of(
                "6,2,0,-;cgroup: Disabled controller 'memory'\n"
                    + " SUBSYSTEM=cgroup\n"
                    + "3,11,5234567890,-,caller=T58;INFO: task apt-get:4711 blocked for more than"
                    + " 120 seconds.\n"))
        .isEqualTo(KernelLogForm.KMSG);
  }

  @Test
  void shouldGoByMostLinesWhenTheFirstOneIsGarbled() {
    assertThat(
            KernelLogForm.of(
                "\u0000\u0000garbled\n"
                    + "[Fri Nov 20 09:06:03 2026] cgroup: Disabled controller 'memory'\n"
                    + "[Fri Nov 20 09:08:05 2026] rcu: INFO: rcu_sched self-detected stall on"
                    + " CPU\n"))
        .isEqualTo(KernelLogForm.DMESG_DATES);
  }
}
