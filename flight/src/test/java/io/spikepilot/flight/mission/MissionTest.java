package io.spikepilot.flight.mission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikepilot.controller.loop.TargetRequest;
import org.junit.jupiter.api.Test;

class MissionTest {
    private final Mission mission = Mission.standard(1.5);

    @Test
    void stepsAreInTimeOrderAndEndWithLanding() {
        double last = -1;
        for (Mission.Step s : mission.steps()) {
            assertTrue(s.atS() > last, "steps out of order at " + s);
            last = s.atS();
        }
        assertEquals(Mission.Action.LAND, mission.steps().get(mission.steps().size() - 1).action());
    }

    @Test
    void circleStartsAndEndsAtTheHoverPointSoTheTargetNeverJumps() {
        TargetRequest start = mission.targetAt(mission.circleStartS());
        TargetRequest end = mission.targetAt(mission.circleStartS() + mission.circlePeriodS() - 1e-9);
        assertEquals(0.0, start.xNwuM(), 1e-12);
        assertEquals(0.0, start.yNwuM(), 1e-12);
        assertEquals(0.0, end.xNwuM(), 1e-6);
        assertEquals(0.0, end.yNwuM(), 1e-6);
    }

    @Test
    void halfwayRoundTheCircleIsOneDiameterNorth() {
        TargetRequest half = mission.targetAt(mission.circleStartS() + mission.circlePeriodS() / 2);
        assertEquals(2 * mission.circleRadiusM(), half.xNwuM(), 1e-9);
        assertEquals(0.0, half.yNwuM(), 1e-9);
        assertEquals(1.5, half.zNwuM(), 0.0);
    }

    @Test
    void theMissionHoldsTheHeightTheTakeOffClimbsTo() {
        Mission fromConfig = Mission.standard(1.0);
        assertEquals(1.0, fromConfig.targetAt(0).zNwuM(), 0.0);
        assertEquals(1.0, fromConfig.targetAt(fromConfig.circleStartS() + 1).zNwuM(), 0.0);
    }

    @Test
    void targetSpeedOnTheCircleIsTwoPiROverT() {
        double t = mission.circleStartS() + 3.0;
        TargetRequest a = mission.targetAt(t);
        TargetRequest b = mission.targetAt(t + 1e-4);
        double speed = Math.hypot(b.xNwuM() - a.xNwuM(), b.yNwuM() - a.yNwuM()) / 1e-4;
        assertEquals(2 * Math.PI * 1.5 / 16.0, speed, 1e-3);
    }

    @Test
    void withoutFaultKeepsEveryOtherStep() {
        Mission calm = mission.withoutFault();
        assertEquals(mission.steps().size() - 2, calm.steps().size());
        assertTrue(calm.steps().stream().noneMatch(s -> s.action() == Mission.Action.INJECT_FAULT
                || s.action() == Mission.Action.CLEAR_FAULT));
        assertEquals(Mission.Action.LAND, calm.steps().get(calm.steps().size() - 1).action());
    }
}
